package dev.latchkey.core.internal.guard;

import dev.latchkey.core.guard.GuardException;
import dev.latchkey.core.guard.LeakGuard;
import dev.latchkey.core.guard.ScanReport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * The leak guard's scans for a long-lived process (the agent): the fingerprint key read from the
 * keychain once and kept in memory, the fingerprint file read again only when it changed, and the
 * scanning code warm. A commit's hook then pays neither the keychain nor a cold JVM's scan.
 *
 * <p>Nothing is written: a scan's findings name references, files and lines, never values.
 * Scans run one at a time (the matchers reuse their buffers).
 */
public final class HeldScans {

    private final ScanContext guard;
    private final String git;
    private GuardKey key;
    private Object stamp;
    private FingerprintSet set;

    /** Scans with {@code guard}'s key, fingerprint file and git. */
    public HeldScans(LeakGuard guard) {
        this(GuardAccess.door().scanContext(guard), GuardAccess.door().git(guard));
    }

    /** Scans with {@code guard}'s key and fingerprint file and the git executable {@code git}. */
    HeldScans(ScanContext guard, String git) {
        this.guard = Objects.requireNonNull(guard);
        this.git = Objects.requireNonNull(git);
    }

    /**
     * Scans a staged diff: the output of {@code git diff --cached -U0 -M --no-color --no-ext-diff
     * --diff-filter=d}, which the hook ran in its own environment (git's index there may be a
     * commit's temporary one). The pattern rules come from {@code .latchkey-guard.toml} in
     * {@code top}, the repository's top folder, else the built-in ones.
     *
     * @throws GuardException when the diff cannot be read
     */
    public synchronized ScanReport staged(Path top, InputStream diff) throws GuardException {
        return new Scans(guard, new Git(top, git)).diff(known(), top, diff);
    }

    /**
     * Reads the key and the fingerprint file and scans a made-up diff once, so the first commit
     * after the agent started does not pay for them (call it off the caller's thread).
     */
    public void warm() {
        StringBuilder diff = new StringBuilder("diff --git a/Warm.java b/Warm.java\n--- /dev/null\n+++ b/Warm.java\n"
                + "@@ -0,0 +1,400 @@\n");
        for (int i = 0; i < 400; i++) {
            diff.append("+    String key").append(i).append(" = config.get(\"token.").append(i)
                    .append("\", \"https://example.org/a/").append(i).append("\");\n");
        }
        try {
            staged(Path.of("").toAbsolutePath(), new ByteArrayInputStream(diff.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GuardException e) {
            // Warming is best effort: the first real scan reads them again.
        }
    }

    private Scans.Known known() {
        if (key == null || key.mac().isEmpty()) {
            // Read once; read again while there is none (the first value received makes it).
            key = GuardKey.load(guard.store(), false);
            stamp = null;
        }
        if (key.mac().isEmpty()) {
            return Scans.Known.off(key, key.why());
        }
        try {
            Object now = stamp(guard.files().fingerprints());
            if (set == null || !now.equals(stamp)) {
                set = FingerprintFile.read(guard.files().fingerprints(), key.id());
                stamp = now;
            }
            return Scans.Known.of(set, key, guard.now());
        } catch (GuardFileException e) {
            stamp = null;
            set = null;
            return Scans.Known.off(key, "fingerprints are off: " + e.getMessage() + "; " + e.hint());
        }
    }

    /** What tells one version of the file from the next: it is replaced whole, never changed in place. */
    private static Object stamp(Path file) throws GuardFileException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.fileKey() + "/" + a.lastModifiedTime().toMillis() + "/" + a.size();
        } catch (NoSuchFileException e) {
            return "none";
        } catch (IOException e) {
            throw new GuardFileException("cannot read the fingerprint file " + file + " (" + e.getMessage() + ")",
                    "check its permissions; it should be yours, mode 0600");
        }
    }
}
