package dev.latchkey.core.internal.agent;

import dev.latchkey.core.internal.agent.ProcessTree.PeerSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a loopback caller of a launch's refresh endpoint is the launched program or one of its
 * descendants, of this uid: the check of {@link ProcessTree}, made cheap for a program that
 * polls. The caller's socket is looked up by its ports in the kernel ({@link SocketDiag}; the
 * whole {@code /proc/net/tcp} only when that cannot answer), and the processes found holding a
 * caller's socket are remembered: the next call from one of them is checked against those few
 * (the process still alive, still below the launch's child, holding this very socket) before
 * every process of the machine is walked again. Each remembers the descriptor that held its last
 * socket, looked at first: a program that polls is found holding the new socket in one read.
 *
 * <p>A process is looked at closely once, when first found: its parent and program are read then
 * and kept with it ({@link Reader}), so a program that polls costs no more {@code /proc} reads
 * for its audit than its check.
 */
public final class LaunchTreePeers {

    private static final int MAX_REMEMBERED = 64;
    private static final int MAX_DEPTH = 64;
    private static final int OWN_UID = ProcessTree.ownUid();

    /** The process of a launch's tree that holds a caller's socket, as found when first seen. */
    public record Reader(ProcessHandle process, long parent, String program) {
        /** Its pid. */
        public long pid() {
            return process.pid();
        }

        /**
         * The same program under the same parent is one reader: a shell loop that runs {@code curl}
         * every second reads as one reader, as a program that polls itself does.
         */
        public String who() {
            return parent + " " + program;
        }
    }

    /** A reader found, and the descriptor that last held its socket (looked at first next time). */
    private static final class Member {
        final Reader reader;
        volatile int fd;

        Member(Reader reader, int fd) {
            this.reader = reader;
            this.fd = fd;
        }
    }

    /** Keyed by the process (its pid and start time: a pid the kernel gave again is another key). */
    private final Map<ProcessHandle, Member> members = new ConcurrentHashMap<>();

    /**
     * True when the caller at 127.0.0.1:{@code peerPort}, connected to our {@code ourPort}, is of
     * this uid and is {@code child} or below it.
     */
    public boolean admits(long child, int peerPort, int ourPort) {
        return reader(child, peerPort, ourPort).isPresent();
    }

    /**
     * The process of {@code child}'s tree that holds the caller's socket (the one reading), when
     * {@link #admits admitted}; empty when refused.
     */
    public Optional<Reader> reader(long child, int peerPort, int ourPort) {
        Optional<PeerSocket> socket = SocketDiag.find(peerPort, ourPort).or(() -> ProcessTree.peer(peerPort, ourPort));
        if (socket.isEmpty() || socket.get().uid() != OWN_UID) {
            return Optional.empty();
        }
        long inode = socket.get().inode();
        for (Member m : members.values()) {
            // In this order: a process alive after the look at its files was that process all along.
            int fd = ProcessTree.fdOf(m.reader.pid(), inode, m.fd);
            if (fd >= 0) {
                m.fd = fd;
                if (m.reader.process().isAlive() && below(m.reader.process(), child)) {
                    return Optional.of(m.reader);
                }
            } else if (!m.reader.process().isAlive()) {
                members.remove(m.reader.process()); // a curl of a shell loop: gone, and not to be looked at again
            }
        }
        Optional<ProcessTree.Holding> holding = ProcessTree.holding(child, inode);
        return holding.flatMap(h -> ProcessHandle.of(h.pid()).map(p -> remember(p, h.fd())));
    }

    /** True when {@code p} is {@code root} or descends from it, by its parents as the kernel has them now. */
    private static boolean below(ProcessHandle p, long root) {
        Optional<ProcessHandle> at = Optional.of(p);
        for (int depth = 0; depth < MAX_DEPTH && at.isPresent(); depth++) {
            if (at.get().pid() == root) {
                return true;
            }
            at = at.get().parent();
        }
        return false;
    }

    private Reader remember(ProcessHandle p, int fd) {
        if (members.size() >= MAX_REMEMBERED) {
            members.clear();
        }
        Reader r = new Reader(p, p.parent().map(ProcessHandle::pid).orElse(-1L), program(p.pid()));
        members.put(p, new Member(r, fd));
        return r;
    }

    private static String program(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
