package dev.latchkey.core.internal.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@code git} command, run in a folder, each call bounded in time. */
public final class Git {

    private final Path dir;
    private final String executable;

    public Git(Path dir, String executable) {
        this.dir = dir;
        this.executable = executable;
    }

    Path dir() {
        return dir;
    }

    String executable() {
        return executable;
    }

    /** What git prints for {@code args}, trimmed; empty when git fails (not a repository, say). */
    Optional<String> text(String... args) {
        try {
            Result r = run(Duration.ofSeconds(30), null, args);
            return r.code == 0 ? Optional.of(new String(r.out, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (GitException e) {
            return Optional.empty();
        }
    }

    /** Runs git, handing its output to {@code reader} as it comes; fails when git exits non-zero. */
    void stream(Duration bound, StreamReader reader, String... args) throws GitException {
        Result r = run(bound, reader, args);
        if (r.code != 0) {
            throw new GitException("git " + args[0] + " failed: " + firstLine(r.err));
        }
    }

    /** Reads git's standard output. */
    interface StreamReader {
        void read(InputStream in) throws IOException;
    }

    private record Result(int code, byte[] out, String err) {
    }

    private Result run(Duration bound, StreamReader reader, String... args) throws GitException {
        List<String> command = new ArrayList<>(List.of(executable, "-c", "core.quotePath=false", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new GitException("cannot run git (" + e.getMessage() + "); install git or put it on PATH");
        }
        try {
            p.getOutputStream().close();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> {
                try (InputStream in = p.getErrorStream()) {
                    in.transferTo(err);
                } catch (IOException e) {
                    // git's messages are only for our error text.
                }
            });
            AtomicBoolean late = new AtomicBoolean();
            Thread watchdog = Thread.ofVirtual().start(() -> {
                try {
                    if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                        late.set(true);
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            byte[] out = new byte[0];
            try (InputStream in = p.getInputStream()) {
                if (reader != null) {
                    reader.read(in);
                    in.transferTo(OutputStreamNull.INSTANCE);
                } else {
                    out = in.readAllBytes();
                }
            }
            boolean done = p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            watchdog.interrupt();
            drain.join(1000);
            if (!done || late.get()) {
                p.destroyForcibly();
                throw new GitException("git " + args[0] + " did not finish within " + bound.toSeconds() + " s");
            }
            return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            p.destroyForcibly();
            throw new GitException("reading git's output failed: " + e.getMessage());
        } catch (UncheckedIOException e) {
            p.destroyForcibly();
            throw new GitException("reading git's output failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new GitException("interrupted while git ran");
        }
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return t.isEmpty() ? "no message" : nl < 0 ? t : t.substring(0, nl);
    }

    /** git failed or could not be run; the message says what to do. */
    static final class GitException extends Exception {
        private static final long serialVersionUID = 1L;

        GitException(String message) {
            super(message);
        }
    }

    private static final class OutputStreamNull extends OutputStream {
        static final OutputStreamNull INSTANCE = new OutputStreamNull();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
