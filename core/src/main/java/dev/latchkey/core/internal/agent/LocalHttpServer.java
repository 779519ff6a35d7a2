package dev.latchkey.core.internal.agent;

import dev.latchkey.core.diagnostics.FailureText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Serves one request per connection on a bound channel (a Unix socket or loopback TCP), each on
 * its own virtual thread. A client that sends too slowly is answered {@code timeout} and closed;
 * anything malformed gets its typed error; nothing a client sends ends the server.
 *
 * <p>A server whose handler answers at once (never waits on a network or a person) may
 * {@linkplain #LocalHttpServer(ServerSocketChannel, Gate, Handler, Duration, String, Consumer, boolean)
 * answer on the accepting thread} a request that has arrived whole by the time it is accepted:
 * each hand-off to another thread is a wait for a core, and on a loaded machine those waits are
 * what a program polling the server sees. Only what cannot block is done there (reads and the
 * answer's write without waiting); the rest of such a connection, and any request still arriving,
 * go on the connection's own thread as before.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** Handles one well-formed request. */
    @FunctionalInterface
    public interface Handler {
        WireReply handle(WireRequest request, SocketChannel peer) throws AgentFailure;
    }

    /** Admits or refuses a peer before any of its bytes are read. */
    @FunctionalInterface
    public interface Gate {
        void admit(SocketChannel peer) throws AgentFailure;
    }

    /** How long, and how much, a client may go on sending after its answer. */
    private static final Duration LINGER = Duration.ofSeconds(1);
    private static final long MAX_LINGER_BYTES = 1 << 20;
    /** At most this many connections at once; more wait in the kernel's queue. */
    private static final int MAX_CONNECTIONS = 128;
    /** What the accepting thread reads of a request before handing it on: a GET with its headers fits. */
    private static final int FIRST_LOOK = 2048;

    private final ServerSocketChannel server;
    private final Gate gate;
    private final Handler handler;
    private final Duration readTimeout;
    private final Consumer<String> problems;
    private final boolean atOnce;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final ScheduledThreadPoolExecutor watchdog;
    private final Thread acceptor;
    private volatile boolean closed;

    /**
     * @param problems hears one line per unexpected failure (never a value: requests are not printed)
     */
    public LocalHttpServer(ServerSocketChannel server, Gate gate, Handler handler, Duration readTimeout, String name,
                    Consumer<String> problems) {
        this(server, gate, handler, readTimeout, name, problems, false);
    }

    /**
     * @param problems hears one line per unexpected failure (never a value: requests are not printed)
     * @param atOnce the gate and the handler never wait (on a network, a lock held long, a person; a
     *     launch's endpoint waits only for its child's start to return): a
     *     request that has arrived whole is admitted and answered on the accepting thread
     */
    public LocalHttpServer(ServerSocketChannel server, Gate gate, Handler handler, Duration readTimeout, String name,
                    Consumer<String> problems, boolean atOnce) {
        this.server = server;
        this.gate = gate;
        this.handler = handler;
        this.readTimeout = readTimeout;
        this.problems = problems;
        this.atOnce = atOnce;
        this.watchdog = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-watchdog");
            t.setDaemon(true);
            return t;
        });
        // Two deadlines per connection, nearly always cancelled: gone at once, not kept queued for seconds.
        watchdog.setRemoveOnCancelPolicy(true);
        this.acceptor = Thread.ofPlatform().daemon().name(name + "-accept").unstarted(this::acceptLoop);
    }

    public void start() {
        acceptor.start();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                slots.acquire();
                SocketChannel peer = server.accept();
                Runnable rest = atOnce ? answerAtOnce(peer) : () -> serve(peer, Prefixed.NOTHING, false);
                Thread.ofVirtual().name("latchkey-local-call").start(() -> {
                    try {
                        rest.run();
                    } finally {
                        slots.release();
                    }
                });
            } catch (ClosedChannelException | InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                slots.release();
                if (!closed) {
                    problems.accept("latchkey: the agent could not accept a local connection (" + FailureText.describe(e) + ")");
                }
            }
        }
    }

    /**
     * Admits and answers {@code peer} here when its request has arrived whole, without waiting on
     * it; what is left (the rest of the answer, the lingering close, or the whole request when it
     * has not arrived yet) is returned, for the connection's own thread.
     */
    private Runnable answerAtOnce(SocketChannel peer) {
        ByteBuffer early = ByteBuffer.allocate(FIRST_LOOK);
        WireReply reply;
        try {
            peer.configureBlocking(false);
            gate.admit(peer);
            if (peer.read(early) < 0) {
                early.flip();
                return () -> serve(peer, early, true); // it reads the end again and says so
            }
            early.flip();
            Prefixed look = new Prefixed(early.duplicate(), null);
            WireRequest request;
            try {
                request = Wire.read(look);
            } catch (AgentFailure | IOException notYet) {
                if (look.exhausted()) {
                    return () -> serve(peer, early, true);
                }
                throw notYet;
            }
            reply = handler.handle(request, peer);
        } catch (AgentFailure f) {
            reply = Wire.error(f.error(), f.getMessage(), f.kind());
        } catch (IOException e) {
            return () -> closeQuietly(peer);
        } catch (RuntimeException e) {
            problems.accept("latchkey: the agent failed while answering a local request (" + FailureText.describe(e) + ")");
            reply = Wire.error(AgentError.INTERNAL, "the agent could not answer this request; see its log");
        }
        ByteBuffer answer = Wire.encode(reply);
        try {
            peer.write(answer);
        } catch (IOException e) {
            return () -> closeQuietly(peer);
        }
        return () -> finish(peer, answer);
    }

    /** Writes what is left of {@code answer} and closes, on the connection's own thread. */
    private void finish(SocketChannel peer, ByteBuffer answer) {
        try (peer) {
            peer.configureBlocking(true);
            while (answer.hasRemaining()) {
                peer.write(answer);
            }
            lingeringClose(peer);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        }
    }

    private static void closeQuietly(SocketChannel peer) {
        try {
            peer.close();
        } catch (IOException ignored) {
            // Closing is all that was left.
        }
    }

    /**
     * Reads the request (after {@code early}, the bytes taken off already), admits it unless
     * {@code admitted}, answers, closes.
     */
    private void serve(SocketChannel peer, ByteBuffer early, boolean admitted) {
        AtomicBoolean timedOut = new AtomicBoolean();
        Future<?> deadline = after(readTimeout, () -> {
            timedOut.set(true);
            try {
                peer.shutdownInput();
            } catch (IOException ignored) {
                // Already closed: nothing to wake.
            }
        });
        try (peer) {
            peer.configureBlocking(true);
            WireReply reply;
            try {
                if (!admitted) {
                    gate.admit(peer);
                }
                WireRequest request = Wire.read(new Prefixed(early, peer));
                deadline.cancel(false);
                reply = handler.handle(request, peer);
            } catch (AgentFailure f) {
                reply = Wire.error(timedOut.get() ? AgentError.TIMEOUT : f.error(),
                        timedOut.get() ? "the request took longer than " + readTimeout.toMillis() + " ms to arrive" : f.getMessage(),
                        timedOut.get() ? null : f.kind());
            } catch (AsynchronousCloseException e) {
                return;
            } catch (RuntimeException e) {
                problems.accept("latchkey: the agent failed while answering a local request (" + FailureText.describe(e) + ")");
                reply = Wire.error(AgentError.INTERNAL, "the agent could not answer this request; see its log");
            }
            Wire.write(peer, reply);
            lingeringClose(peer);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * Reads and drops what the client still sends (an oversized body, a second request) for a
     * moment before closing: closing with unread input would reset the connection, and the client
     * could lose the answer it has not read yet.
     */
    private void lingeringClose(SocketChannel peer) throws IOException {
        peer.shutdownOutput();
        Future<?> enough = after(LINGER, () -> {
            try {
                peer.shutdownInput();
            } catch (IOException ignored) {
                // Closed already.
            }
        });
        try {
            ByteBuffer rest = ByteBuffer.allocate(2048);
            long dropped = 0;
            while (dropped < MAX_LINGER_BYTES && peer.read(rest) >= 0) {
                dropped += rest.position();
                rest.clear();
            }
        } finally {
            enough.cancel(false);
        }
    }

    /**
     * Runs {@code action} after {@code delay} on the watchdog. A call still being served when the
     * server closes finds the watchdog gone: its wait then ends at once instead of never.
     */
    private Future<?> after(Duration delay, Runnable action) {
        try {
            return watchdog.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedAlready) {
            action.run();
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing a listening socket has nothing to report.
        }
        acceptor.interrupt();
        watchdog.shutdownNow();
    }
}
