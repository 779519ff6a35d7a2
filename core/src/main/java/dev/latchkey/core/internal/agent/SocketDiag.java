package dev.latchkey.core.internal.agent;

import dev.latchkey.core.internal.agent.ProcessTree.PeerSocket;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Optional;

/**
 * One loopback TCP socket asked of Linux by its ports, through the kernel's socket-diagnostics
 * netlink ({@code sock_diag}, what {@code ss} uses): a lookup by the exact connection, where
 * {@code /proc/net/tcp} lists every socket of the machine and costs milliseconds on a busy one.
 * The answer is the kernel's, as {@code /proc/net/tcp}'s is: the socket's inode and owner uid.
 * Empty when the kernel cannot be asked this way (off Linux, an old kernel) or has no such socket;
 * the caller then reads {@code /proc} ({@link ProcessTree#peer}).
 */
@SuppressWarnings("restricted")
final class SocketDiag {

    private static final int AF_INET = 2;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_SOCK_DIAG = 4;
    private static final short SOCK_DIAG_BY_FAMILY = 20;
    private static final short NLM_F_REQUEST = 1;
    private static final int IPPROTO_TCP = 6;
    private static final int MSG_DONTWAIT = 0x40;
    /** nlmsghdr (16) + inet_diag_req_v2 (56). */
    private static final int REQUEST = 72;
    /** nlmsghdr (16) + inet_diag_msg (72); the uid at 80, the inode at 84. */
    private static final int ANSWER = 88;
    private static final ValueLayout.OfShort PORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final boolean LINUX = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    private static volatile Calls calls;

    private record Calls(MethodHandle socket, MethodHandle send, MethodHandle recv, MethodHandle close) {
    }

    private SocketDiag() {
    }

    /** The socket 127.0.0.1:{@code localPort} → 127.0.0.1:{@code remotePort}, from the kernel. */
    static Optional<PeerSocket> find(int localPort, int remotePort) {
        if (!LINUX) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            Calls c = calls();
            int fd = (int) c.socket().invokeExact(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
            if (fd < 0) {
                return Optional.empty();
            }
            try {
                MemorySegment request = request(arena, localPort, remotePort);
                if ((long) c.send().invokeExact(fd, request, (long) REQUEST, 0) != REQUEST) {
                    return Optional.empty();
                }
                // The kernel answers while handling the send: the answer is there, or there is none.
                MemorySegment answer = arena.allocate(8192, 8);
                long n = (long) c.recv().invokeExact(fd, answer, answer.byteSize(), MSG_DONTWAIT);
                return read(answer, n, localPort, remotePort);
            } finally {
                int ignored = (int) c.close().invokeExact(fd);
            }
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    private static MemorySegment request(Arena arena, int localPort, int remotePort) {
        MemorySegment m = arena.allocate(REQUEST, 8);
        m.set(ValueLayout.JAVA_INT, 0, REQUEST);
        m.set(ValueLayout.JAVA_SHORT, 4, SOCK_DIAG_BY_FAMILY);
        m.set(ValueLayout.JAVA_SHORT, 6, NLM_F_REQUEST);
        m.set(ValueLayout.JAVA_INT, 8, 1);
        m.set(ValueLayout.JAVA_BYTE, 16, (byte) AF_INET);
        m.set(ValueLayout.JAVA_BYTE, 17, (byte) IPPROTO_TCP);
        m.set(ValueLayout.JAVA_INT, 20, -1); // every state
        m.set(PORT, 24, (short) localPort);
        m.set(PORT, 26, (short) remotePort);
        for (int at : new int[] {28, 44}) { // source and destination: 127.0.0.1
            m.set(ValueLayout.JAVA_BYTE, at, (byte) 127);
            m.set(ValueLayout.JAVA_BYTE, at + 3, (byte) 1);
        }
        m.set(ValueLayout.JAVA_INT, 64, -1); // no cookie: find it by its addresses
        m.set(ValueLayout.JAVA_INT, 68, -1);
        return m;
    }

    private static Optional<PeerSocket> read(MemorySegment a, long n, int localPort, int remotePort) {
        if (n < ANSWER || a.get(ValueLayout.JAVA_SHORT, 4) != SOCK_DIAG_BY_FAMILY
                || (a.get(PORT, 20) & 0xFFFF) != localPort || (a.get(PORT, 22) & 0xFFFF) != remotePort) {
            return Optional.empty(); // an error (no such socket) or not the socket asked for
        }
        return Optional.of(new PeerSocket(Integer.toUnsignedLong(a.get(ValueLayout.JAVA_INT, 84)),
                a.get(ValueLayout.JAVA_INT, 80)));
    }

    private static Calls calls() {
        Calls c = calls;
        if (c == null) {
            Linker linker = Linker.nativeLinker();
            var lookup = linker.defaultLookup();
            ValueLayout i = ValueLayout.JAVA_INT;
            ValueLayout l = ValueLayout.JAVA_LONG;
            ValueLayout p = ValueLayout.ADDRESS;
            c = new Calls(linker.downcallHandle(lookup.findOrThrow("socket"), FunctionDescriptor.of(i, i, i, i)),
                    linker.downcallHandle(lookup.findOrThrow("send"), FunctionDescriptor.of(l, i, p, l, i)),
                    linker.downcallHandle(lookup.findOrThrow("recv"), FunctionDescriptor.of(l, i, p, l, i)),
                    linker.downcallHandle(lookup.findOrThrow("close"), FunctionDescriptor.of(i, i)));
            calls = c;
        }
        return c;
    }
}
