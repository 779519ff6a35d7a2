package dev.latchkey.core.internal.agent;

import dev.latchkey.core.internal.agent.ProcessTree.PeerSocket;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a loopback caller of a launch's refresh endpoint is the launched program or one of its
 * descendants, of this uid: the check of {@link ProcessTree}, made cheap for a program that
 * polls. The caller's socket is looked up by its ports in the kernel ({@link SocketDiag}; the
 * whole {@code /proc/net/tcp} only when that cannot answer), and the processes found holding a
 * caller's socket are remembered: the next call from one of them is checked against those few
 * (the process still alive, still below the launch's child, holding this very socket) before
 * every process of the machine is walked again.
 */
public final class LaunchTreePeers {

    private static final int MAX_REMEMBERED = 64;
    private static final int MAX_DEPTH = 64;
    private static final int OWN_UID = ProcessTree.ownUid();

    private final Set<ProcessHandle> members = ConcurrentHashMap.newKeySet();

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
    public OptionalLong reader(long child, int peerPort, int ourPort) {
        Optional<PeerSocket> socket = SocketDiag.find(peerPort, ourPort).or(() -> ProcessTree.peer(peerPort, ourPort));
        if (socket.isEmpty() || socket.get().uid() != OWN_UID) {
            return OptionalLong.empty();
        }
        long inode = socket.get().inode();
        for (ProcessHandle m : members) {
            // In this order: a process alive after the look at its files was that process all along.
            if (ProcessTree.holds(m.pid(), inode) && m.isAlive() && below(m, child)) {
                return OptionalLong.of(m.pid());
            }
        }
        OptionalLong holder = ProcessTree.holder(child, inode);
        holder.ifPresent(pid -> ProcessHandle.of(pid).ifPresent(this::remember));
        return holder;
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

    private void remember(ProcessHandle p) {
        if (members.size() >= MAX_REMEMBERED) {
            members.clear();
        }
        members.add(p);
    }
}
