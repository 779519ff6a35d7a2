package dev.latchkey.core.internal.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Which process holds the other end of a loopback TCP connection, and whether it belongs to a
 * launch's process tree, read from Linux's {@code /proc}: the connection's socket inode and owner
 * uid from {@code /proc/net/tcp}, then the descendants of the launch's child and their open files.
 * Nothing here trusts what the peer says about itself.
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * The peer socket of a loopback connection.
     *
     * @param inode the socket's inode
     * @param uid the uid that owns it
     */
    public record PeerSocket(long inode, int uid) {
    }

    /**
     * The socket whose local port is {@code peerPort} and remote port {@code ourPort}, both on
     * 127.0.0.1; empty when not found (then the peer is refused).
     */
    public static Optional<PeerSocket> peer(int peerPort, int ourPort) {
        // An IPv4 client is in tcp; a dual-stack one (Java's default) in tcp6 with a v4-mapped address.
        Optional<PeerSocket> v4 = find(Path.of("/proc/net/tcp"), Set.of("0100007F"), peerPort, ourPort);
        return v4.isPresent() ? v4 : find(Path.of("/proc/net/tcp6"),
                Set.of("0000000000000000FFFF00000100007F", "00000000000000000000000001000000"), peerPort, ourPort);
    }

    private static Optional<PeerSocket> find(Path table, Set<String> loopback, int peerPort, int ourPort) {
        String local = String.format(Locale.ROOT, ":%04X", peerPort);
        String remote = String.format(Locale.ROOT, ":%04X", ourPort);
        try {
            for (String line : Files.readAllLines(table)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(local) && f[2].endsWith(remote)
                        && loopback.contains(f[1].substring(0, f[1].length() - 5))
                        && loopback.contains(f[2].substring(0, f[2].length() - 5))) {
                    return Optional.of(new PeerSocket(Long.parseLong(f[9]), Integer.parseInt(f[7])));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** True when {@code root} or one of its descendants has the socket {@code inode} open. */
    public static boolean treeHolds(long root, long inode) {
        return holder(root, inode).isPresent();
    }

    /** The process, {@code root} or one below it, that has the socket {@code inode} open; empty when none. */
    static OptionalLong holder(long root, long inode) {
        return holding(root, inode).map(h -> OptionalLong.of(h.pid())).orElse(OptionalLong.empty());
    }

    /** A process that has a socket open, and the descriptor it has it on. */
    record Holding(long pid, int fd) {
    }

    /** The process, {@code root} or one below it, that has the socket {@code inode} open, with its descriptor. */
    static Optional<Holding> holding(long root, long inode) {
        for (long pid : descendants(root)) {
            int fd = fdOf(pid, inode, -1);
            if (fd >= 0) {
                return Optional.of(new Holding(pid, fd));
            }
        }
        return Optional.empty();
    }

    /** True when process {@code pid} has the socket {@code inode} open. */
    static boolean holds(long pid, long inode) {
        return fdOf(pid, inode, -1) >= 0;
    }

    /**
     * The descriptor on which process {@code pid} has the socket {@code inode} open; -1 when none.
     * Descriptor {@code hint} is looked at first (when not -1): a program that polls tends to open
     * each connection on the number its last one had, so a known caller costs one read, not a
     * read of every descriptor it has.
     */
    static int fdOf(long pid, long inode, int hint) {
        String target = "socket:[" + inode + "]";
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        if (hint >= 0 && target.equals(link(fds.resolve(Integer.toString(hint))))) {
            return hint;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(fds)) {
            for (Path fd : all) {
                if (target.equals(link(fd))) {
                    return Integer.parseInt(fd.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended while we looked: it holds nothing.
        }
        return -1;
    }

    /** Where descriptor link {@code fd} points; null when it closed while we looked (or the process ended). */
    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | RuntimeException closed) {
            return null;
        }
    }

    /** {@code root} and every process below it (one pass over the process table, not one per level). */
    static Set<Long> descendants(long root) {
        Set<Long> tree = new HashSet<>();
        tree.add(root);
        ProcessHandle.of(root).ifPresent(p -> p.descendants().forEach(c -> tree.add(c.pid())));
        return tree;
    }

    /** This process's real uid, from {@code /proc/self/status}; -1 when unknown. */
    public static int ownUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
