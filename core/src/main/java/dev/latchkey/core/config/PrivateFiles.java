package dev.latchkey.core.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * Files Latchkey writes on this machine (the launch log, settings, profiles, lock files) are
 * for their user alone: {@code 0600} in a {@code 0700} folder, whatever the umask. They hold no
 * secret, but which commands and references a developer runs is nobody else's business. On a
 * file system without POSIX permissions (Windows) the folder's own access rules apply.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /**
     * Creates {@code folder} (and missing parents) as {@code 0700}; an existing one is made
     * {@code 0700} too. Parents that exist already are left as they are.
     */
    public static Path folder(Path folder) throws IOException {
        if (!POSIX) {
            return Files.createDirectories(folder);
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            folder(parent);
        }
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectory(folder, attribute(FOLDER));
            } catch (FileAlreadyExistsException raced) {
                // Another process made it meanwhile: tightened below.
            }
        }
        if (!Files.getPosixFilePermissions(folder).equals(FOLDER)) {
            Files.setPosixFilePermissions(folder, FOLDER);
        }
        return folder;
    }

    /** Opens {@code file} for writing with {@code options}, creating it {@code 0600} in a {@code 0700} folder. */
    public static OutputStream newOutputStream(Path file, OpenOption... options) throws IOException {
        folder(file.toAbsolutePath().getParent());
        Set<OpenOption> opts = options.length == 0
                ? Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)
                : withWrite(options);
        OutputStream out = POSIX
                ? Channels.newOutputStream(Files.newByteChannel(file, opts, attribute(FILE)))
                : Files.newOutputStream(file, opts.toArray(OpenOption[]::new));
        restrict(file);
        return out;
    }

    /**
     * Opens {@code file} to read and write in place (a log that appends under a lock and trims
     * itself), creating it {@code 0600} in a {@code 0700} folder; an existing file is made {@code 0600}.
     */
    public static FileChannel channel(Path file) throws IOException {
        folder(file.toAbsolutePath().getParent());
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), fileAttributes());
        try {
            restrict(file);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** Writes {@code text} (UTF-8) as {@link #newOutputStream} opens the file. */
    public static void writeString(Path file, String text, OpenOption... options) throws IOException {
        try (OutputStream out = newOutputStream(file, options)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Makes an existing {@code file} {@code 0600} (one written before Latchkey did so, say). */
    public static void restrict(Path file) throws IOException {
        if (POSIX && Files.exists(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** A {@code 0600} file attribute for creating files, where the file system has POSIX permissions. */
    public static FileAttribute<?>[] fileAttributes() {
        return POSIX ? new FileAttribute<?>[] {attribute(FILE)} : new FileAttribute<?>[0];
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static Set<OpenOption> withWrite(OpenOption... options) {
        Set<OpenOption> set = new HashSet<>(Set.of(options));
        set.add(StandardOpenOption.WRITE);
        return set;
    }
}
