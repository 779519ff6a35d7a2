package dev.latchkey.core.internal.agent;

import dev.latchkey.core.internal.launch.ProcFacts;
import dev.latchkey.core.launch.ProcessFacts;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process at the other end of a local Unix socket, from the kernel: {@code getsockopt(SO_PEERCRED)}
 * through the FFM API (Java's own {@code SO_PEERCRED} option gives the user only), then that
 * process's program, working folder and parents from {@code /proc}. Linux only; elsewhere, or when
 * anything cannot be read, the answer is empty ("unknown"), never a guess.
 *
 * <p>Java gives no file descriptor for a channel, so the channel's descriptor is found among this
 * process's open sockets by a mark: {@code SO_LINGER} is set through Java to a value no other
 * lookup uses at the same time, the descriptor whose {@code SO_LINGER} reads back that value is the
 * channel's, and the option is put back before anything else happens on the channel (linger
 * matters only at close).
 */
@SuppressWarnings("restricted")
public final class PeerProcess {

    private static final int SOL_SOCKET = 1;
    private static final int SO_LINGER = 13;
    private static final int SO_PEERCRED = 17;
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    private static final AtomicInteger MARKS = new AtomicInteger();
    private static volatile MethodHandle getsockopt;

    private PeerProcess() {
    }

    /** Binds the native call now, so the first client does not wait for it (a few milliseconds of code generation). */
    public static void warm() {
        if (LINUX) {
            try {
                getsockopt();
            } catch (RuntimeException e) {
                // No such call here: every lookup then says "unknown".
            }
        }
    }

    /** The peer of {@code channel} with its facts; empty when the system cannot say. */
    public static Optional<ProcessFacts> of(SocketChannel channel) {
        OptionalLong pid = pid(channel);
        return pid.isPresent() ? Optional.of(ProcFacts.facts(pid.getAsLong())) : Optional.empty();
    }

    /** The peer's process id; empty off Linux or when the kernel's answer cannot be read. */
    public static OptionalLong pid(SocketChannel channel) {
        if (!LINUX) {
            return OptionalLong.empty();
        }
        // Seconds between 1000 and 60999: far above any linger a program sets, and unique among concurrent lookups.
        int mark = 1000 + Math.floorMod(MARKS.getAndIncrement(), 60_000);
        try {
            getsockopt();
            Integer before = channel.getOption(StandardSocketOptions.SO_LINGER);
            channel.setOption(StandardSocketOptions.SO_LINGER, mark);
            try {
                return peerOfMarked(mark);
            } finally {
                channel.setOption(StandardSocketOptions.SO_LINGER, before);
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong peerOfMarked(int mark) throws IOException {
        long found = -1;
        try (Arena arena = Arena.ofConfined();
             DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            MemorySegment buffer = arena.allocate(12, 4);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            for (Path fd : fds) {
                int n;
                try {
                    n = Integer.parseInt(fd.getFileName().toString());
                } catch (NumberFormatException notAnFd) {
                    continue;
                }
                // No readlink to see whether it is a socket: getsockopt on anything else fails (ENOTSOCK) as quickly.
                if (option(n, SO_LINGER, buffer, length, 8) && buffer.get(ValueLayout.JAVA_INT, 0) != 0
                        && buffer.get(ValueLayout.JAVA_INT, 4) == mark) {
                    if (found >= 0 || !option(n, SO_PEERCRED, buffer, length, 12)) {
                        return OptionalLong.empty(); // two marked sockets, or no credentials: say nothing
                    }
                    found = Integer.toUnsignedLong(buffer.get(ValueLayout.JAVA_INT, 0));
                }
            }
        }
        return found > 0 ? OptionalLong.of(found) : OptionalLong.empty();
    }

    private static boolean option(int fd, int name, MemorySegment buffer, MemorySegment length, int size) {
        length.set(ValueLayout.JAVA_INT, 0, size);
        try {
            return (int) getsockopt().invokeExact(fd, SOL_SOCKET, name, buffer, length) == 0;
        } catch (Throwable t) {
            return false;
        }
    }

    private static MethodHandle getsockopt() {
        MethodHandle h = getsockopt;
        if (h == null) {
            Linker linker = Linker.nativeLinker();
            h = linker.downcallHandle(linker.defaultLookup().findOrThrow("getsockopt"),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            getsockopt = h;
        }
        return h;
    }
}
