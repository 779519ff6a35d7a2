package dev.latchkey.core.internal.guard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * A fingerprint file as read ({@link FingerprintFile#load}), not yet matched with a key: no file,
 * a set made with the key whose id it names, or why it is refused; and which version of the file
 * it is, so a read made ahead of the recording lock can be used under it when nothing replaced
 * the file meanwhile.
 */
public final class LoadedFingerprints {

    private final Path file;
    private final FingerprintSet set;
    private final long fileKeyId;
    private final GuardFileException refused;
    private final Object stamp;

    LoadedFingerprints(Path file, FingerprintSet set, long fileKeyId, GuardFileException refused) {
        this(file, set, fileKeyId, refused, null);
    }

    private LoadedFingerprints(Path file, FingerprintSet set, long fileKeyId, GuardFileException refused, Object stamp) {
        this.file = file;
        this.set = set;
        this.fileKeyId = fileKeyId;
        this.refused = refused;
        this.stamp = stamp;
    }

    /** This read, known to be of the version {@code value} names. */
    LoadedFingerprints stamped(Object value) {
        return new LoadedFingerprints(file, set, fileKeyId, refused, value);
    }

    /**
     * Whether the file is still the one this read (asked under the recording lock before a read
     * made ahead is used): the same file, time and size, or still no file. The file is replaced
     * whole, never changed in place, and a mapped file keeps its identity while this holds it.
     * False where that cannot be told; the caller then reads the file again.
     */
    public boolean stillCurrent() {
        return stamp != null && stamp.equals(stamp(file));
    }

    boolean refused() {
        return refused != null;
    }

    /** The set for the key {@code keyId}; a file made with another key is refused here. */
    public FingerprintSet forKey(long keyId) throws GuardFileException {
        if (refused != null) {
            throw refused;
        }
        if (set == null) {
            return FingerprintSet.empty(keyId);
        }
        if (fileKeyId != keyId) {
            throw new GuardFileException(file + " was written with another fingerprint key (another user's file, "
                    + "or the keychain entry was replaced)",
                    "move it aside; Latchkey writes a new one as you receive values");
        }
        return set;
    }

    /**
     * What tells one version of the file from the next: its identity (device and inode), time and
     * size; "none" when there is no file; null where the system gives no identity (Windows) or the
     * file cannot be looked at.
     */
    static Object stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() == null ? null : List.of(a.fileKey(), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return "none";
        } catch (IOException e) {
            return null;
        }
    }
}
