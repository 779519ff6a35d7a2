package dev.latchkey.core.internal.session;

import dev.latchkey.core.auth.SessionStorageException;
import dev.latchkey.core.config.PrivateFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes refreshing a broker's session single-flight across threads and processes: an in-JVM lock
 * (a JVM cannot hold one file lock twice) and then an OS lock on an empty file named after the
 * broker. The file holds nothing; only its lock matters.
 */
final class RefreshLock {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Duration RETRY = Duration.ofMillis(10);

    private final Path directory;
    private final URI broker;
    private final Duration timeout;
    private volatile Path file;

    RefreshLock(Path directory, URI broker, Duration timeout) {
        this.directory = directory;
        this.broker = broker;
        this.timeout = timeout;
    }

    /**
     * The lock file's path. Named when first needed, not when a session is made: its SHA-256 is the
     * first use of the JDK's security providers, which costs a command that never refreshes (most
     * do not) tens of milliseconds before its first broker call.
     */
    Path file() {
        Path f = file;
        if (f == null) {
            f = directory.resolve("refresh-" + digest(broker.toString()) + ".lock").toAbsolutePath();
            file = f;
        }
        return f;
    }

    /** A held lock; close it to release. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits up to the timeout for both locks. */
    Held acquire() throws SessionStorageException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path file = file();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        try {
            if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStorageException("interrupted while waiting to renew the session");
        }
        try {
            PrivateFiles.folder(file.getParent());
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PrivateFiles.fileAttributes());
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return () -> {
                        try {
                            lock.release();
                            channel.close();
                        } catch (IOException e) {
                            // Closing releases the lock in any case; nothing to do.
                        } finally {
                            local.unlock();
                        }
                    };
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    throw busy();
                }
                Thread.sleep(RETRY);
            }
        } catch (IOException e) {
            local.unlock();
            throw new SessionStorageException("cannot use the lock file " + file + " (" + e.getMessage()
                    + "); check that the folder is writable", e);
        } catch (InterruptedException e) {
            local.unlock();
            Thread.currentThread().interrupt();
            throw new SessionStorageException("interrupted while waiting to renew the session");
        } catch (SessionStorageException e) {
            local.unlock();
            throw e;
        }
    }

    private SessionStorageException busy() {
        return new SessionStorageException("another Latchkey process kept the session locked for more than "
                + timeout.toSeconds() + " s (lock file " + file() + "); try again, or end a stuck latchkey process");
    }

    private static String digest(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
