package dev.latchkey.core.internal.agent;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The process id at the other end of a Unix socket connection, from the kernel ({@code
 * getsockopt(SO_PEERCRED)} through the FFM API), on Linux.
 *
 * <p>Java's own {@code SO_PEERCRED} option gives only the user, and a {@link SocketChannel} does
 * not tell its file descriptor. So the channel is marked: its send buffer is set to a size no
 * other socket of this process has, the descriptors in {@code /proc/self/fd} that are sockets are
 * asked for their send buffer, and the one that carries the mark is asked for its peer. The
 * original size is put back. Nothing here trusts what the peer says about itself.
 */
public final class PeerPid {

    private static final int SOL_SOCKET = 1;
    private static final int SO_SNDBUF = 7;
    private static final int SO_PEERCRED = 17;
    private static final MethodHandle GETSOCKOPT = getsockopt();

    private PeerPid() {
    }

    /** The peer's pid; empty off Linux, or when the kernel would not say. */
    public static OptionalLong of(SocketChannel channel) {
        if (GETSOCKOPT == null) {
            return OptionalLong.empty();
        }
        // One mark at a time: two channels marked at once could not be told apart.
        synchronized (PeerPid.class) {
            try {
                int original = channel.getOption(StandardSocketOptions.SO_SNDBUF);
                try {
                    for (int attempt = 0; attempt < 4; attempt++) {
                        // Well inside the kernel's bounds. It keeps twice what it is given (Java shows half of that).
                        int mark = ThreadLocalRandom.current().nextInt(3000, 45000) * 2 + 1;
                        channel.setOption(StandardSocketOptions.SO_SNDBUF, mark);
                        List<Integer> marked = socketsWithSendBuffer(mark * 2);
                        if (marked.size() == 1) {
                            return peerPid(marked.getFirst());
                        }
                    }
                    return OptionalLong.empty();
                } finally {
                    channel.setOption(StandardSocketOptions.SO_SNDBUF, original);
                }
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }
    }

    private static List<Integer> socketsWithSendBuffer(int size) throws IOException {
        List<Integer> out = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                int n;
                try {
                    n = Integer.parseInt(fd.getFileName().toString());
                    if (!Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        continue;
                    }
                } catch (IOException | NumberFormatException closed) {
                    continue; // closed while we looked
                }
                int[] value = new int[1];
                if (option(n, SO_SNDBUF, 4, seg -> value[0] = seg.get(JAVA_INT, 0)) && value[0] == size) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private static OptionalLong peerPid(int fd) {
        long[] pid = {0};
        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        if (!option(fd, SO_PEERCRED, 12, seg -> pid[0] = seg.get(JAVA_INT, 0)) || pid[0] <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(pid[0]);
    }

    private interface Reader {
        void read(MemorySegment value);
    }

    private static boolean option(int fd, int name, int size, Reader reader) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(size);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, size);
            int rc = (int) GETSOCKOPT.invokeExact(fd, SOL_SOCKET, name, value, length);
            if (rc != 0) {
                return false;
            }
            reader.read(value);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    // getsockopt's signature is fixed by POSIX; the buffers passed are sized for what it writes.
    @SuppressWarnings("restricted")
    private static MethodHandle getsockopt() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null; // SO_PEERCRED's number and struct are Linux's
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("getsockopt").map(f -> linker.downcallHandle(f,
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS))).orElse(null);
        } catch (RuntimeException | Error e) {
            return null;
        }
    }
}
