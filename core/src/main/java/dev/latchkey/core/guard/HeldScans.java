package dev.latchkey.core.guard;

import dev.latchkey.core.internal.guard.HeldScanner;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * The leak guard's scans for a long-lived process (the agent): the fingerprint key read from the
 * keychain once and kept in memory, the fingerprint file read again only when it changed, and the
 * scanning code warm. A commit's hook then pays neither the keychain nor a cold JVM's scan.
 *
 * <p>Nothing is written: a scan's findings name references, files and lines, never values.
 * Scans run one at a time (the matchers reuse their buffers).
 */
public final class HeldScans {

    private final HeldScanner scanner;

    /** Scans with {@code guard}'s key, fingerprint file and git. */
    public HeldScans(LeakGuard guard) {
        this.scanner = new HeldScanner(guard.scanContext(), guard.gitExecutable());
    }

    /**
     * Scans a staged diff: the output of {@code git diff --cached -U0 -M --no-color --no-ext-diff
     * --diff-filter=d}, which the hook ran in its own environment (git's index there may be a
     * commit's temporary one). The pattern rules come from {@code .latchkey-guard.toml} in
     * {@code top}, the repository's top folder, else the built-in ones.
     *
     * @throws GuardException when the diff cannot be read
     */
    public ScanReport staged(Path top, InputStream diff) throws GuardException {
        return scanner.staged(top, diff);
    }

    /**
     * Reads the key and the fingerprint file and scans a made-up diff once, so the first commit
     * after the agent started does not pay for them (call it off the caller's thread).
     */
    public void warm() {
        scanner.warm();
    }
}
