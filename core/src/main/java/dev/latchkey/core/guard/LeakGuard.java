package dev.latchkey.core.guard;

import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.internal.guard.Exposures;
import dev.latchkey.core.internal.guard.Git;
import dev.latchkey.core.internal.guard.GuardAccess;
import dev.latchkey.core.internal.guard.GuardFiles;
import dev.latchkey.core.internal.guard.ScanContext;
import dev.latchkey.core.internal.guard.Scans;
import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.grammar.Durations;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The leak guard: remembers keyed fingerprints of every value the user receives, and finds
 * those values (in their common encodings, whole or in part) and pattern-rule matches in staged
 * changes, pushed commits, a repository's history or files. The app and the CLI use only this
 * class and its result records.
 *
 * <p>The fingerprint key lives in the OS keychain; the fingerprint file
 * ({@code fingerprints.lkg} in the state folder's {@code guard} folder, 0600) holds no value and
 * nothing that can be checked against a guess without the key. Without a keychain the guard
 * runs its pattern rules only and says that fingerprints are off.
 *
 * <p>{@link #record} never blocks its caller and never fails: a problem becomes a one-line
 * notice. Scans return a {@link ScanReport}; only a folder that is no repository, or a git
 * that does not run, is a {@link GuardException}.
 */
public final class LeakGuard {

    /** How long a received value's fingerprints are kept after it was last received. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(90);

    private final GuardFiles files;
    private final RepositoryHooks hooks;
    private final Recordings recordings;
    private final GuardKeychain keychain;
    private final Clock clock;
    private final Duration expiry;
    private final String git;
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "latchkey-guard");
        t.setDaemon(true);
        return t;
    });

    static {
        GuardAccess.open(new GuardAccess.Door() {
            @Override
            public ScanContext scanContext(LeakGuard guard) {
                return guard.scanContext();
            }

            @Override
            public String git(LeakGuard guard) {
                return guard.gitExecutable();
            }
        });
    }

    private LeakGuard(Builder b) {
        this.files = new GuardFiles(b.folder);
        this.keychain = new GuardKeychain(b.stores, b.osKeychain);
        this.clock = b.clock;
        this.expiry = b.expiry;
        this.git = b.git;
        this.hooks = new RepositoryHooks(files, git);
        this.recordings = new Recordings(files, expiry, clock, background, keychain::get);
    }

    /** The guard of the current user: their state folder and keychain; expiry from {@code LATCHKEY_GUARD_EXPIRY}. */
    public static LeakGuard forCurrentUser() {
        return forEnvironment(System.getenv());
    }

    /** The guard for the user an environment describes (HOME, XDG_STATE_HOME, LATCHKEY_GUARD_EXPIRY). */
    public static LeakGuard forEnvironment(Map<String, String> env) {
        Builder b = builder().folder(LatchkeyDirectories.state(env, Path.of(System.getProperty("user.home")))
                .resolve("guard"));
        String days = env.get("LATCHKEY_GUARD_EXPIRY");
        if (days != null && !days.isBlank()) {
            try {
                b.expiry(Durations.parse(days.strip()));
            } catch (IllegalArgumentException e) {
                // A typo must not stop a launch or a commit: the default applies.
            }
        }
        return b.build();
    }

    /**
     * Binds the native calls the guard's key read makes, without calling the keychain: an
     * ahead-of-time training run calls this so the cache it writes holds their code. Does nothing
     * where the keychain is not read through libsecret.
     */
    public static void prepareKeyRead() {
        KeychainProbe.bindReaderCalls();
    }

    /** A builder with the current user's defaults; tests change the folder, store and clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds fingerprints of {@code values} in the background. The future completes with a
     * one-line notice when they could not be recorded (no keychain, an unwritable folder), or
     * empty; it never completes exceptionally. Values shorter than 8 characters are skipped.
     */
    public CompletableFuture<Optional<String>> record(Collection<Received> values) {
        return recordings.record(values);
    }

    /**
     * {@code source} with every value it hands out recorded (references and sandbox tokens):
     * wrap a launch's source in this. Recording runs in the background; a problem goes to
     * {@code notices} as one line, and the launch goes on.
     *
     * @param broker where the values come from (exposure reports go there); may be null
     */
    public SecretSource recording(SecretSource source, URI broker, Consumer<String> notices) {
        return recordings.recording(source, broker, notices);
    }

    /**
     * {@link #recording} for a process that launches once and ends (the CLI's {@code run}): the key
     * and the fingerprint file are read now, on the guard's thread, while {@code source} fetches
     * the values, which then only wait for their fingerprints to be written.
     *
     * @param keychain the OS keychain this process already opened ({@link dev.latchkey.core.Session#sharedKeychain()}):
     *     a guard on the OS keychain reads its key through it; one given its own store keeps that
     */
    public SecretSource recordingOneLaunch(SecretSource source, URI broker, Consumer<String> notices,
                                          Optional<CredentialStore> keychain) {
        return recordings.recordingOneLaunch(source, broker, notices, this.keychain.forOneLaunch(keychain));
    }

    /**
     * Waits up to {@code bound} for the last recording {@link #recording} started, so a short
     * command does not exit before its values are recorded.
     */
    public void awaitRecording(Duration bound) {
        recordings.await(bound);
    }

    /** Staged changes of the repository at {@code folder}: what {@code git commit} would record. */
    public ScanReport staged(Path folder) throws GuardException {
        Scans s = new Scans(scanContext(), new Git(folder, git));
        return s.staged();
    }

    /**
     * The commits a push would send, from the lines git gives a pre-push hook
     * ({@code <local ref> <local sha> <remote ref> <remote sha>}).
     */
    public ScanReport push(Path folder, String remote, List<String> refLines) throws GuardException {
        return new Scans(scanContext(), new Git(folder, git)).push(remote, refLines);
    }

    /** Every commit of every branch; findings in commits that reached a remote are exposures. */
    public ScanReport history(Path folder) throws GuardException {
        return new Scans(scanContext(), new Git(folder, git)).history();
    }

    /** Files and folders (recursively); rules come from the repository around {@code cwd}, if any. */
    public ScanReport scan(List<Path> paths, Path cwd) {
        return new Scans(scanContext(), new Git(cwd, git)).files(paths);
    }

    /**
     * Installs the hooks in the repository at {@code folder}.
     *
     * @param command how the hooks start the CLI: a path, or {@code latchkey} to find it on PATH
     */
    public GuardedRepository install(Path folder, String command) throws GuardException {
        return hooks.install(folder, command);
    }

    /** Removes the hooks from the repository at {@code folder}, putting back any hook they chained. */
    public GuardedRepository uninstall(Path folder) throws GuardException {
        return hooks.uninstall(folder);
    }

    /** The repositories the guard was installed in, each as it is now. */
    public List<GuardedRepository> repositories() {
        return hooks.repositories();
    }

    /** Remembers that a hook stopped a commit or push (for the app's history); never fails. */
    public void blocked(Path repository, String hook, ScanReport report) {
        try {
            files.appendBlocked(new BlockedCommit(clock.instant(), repository.toAbsolutePath().toString(), hook,
                    report.findings()));
        } catch (IOException e) {
            // The hook's own output already told the person; the history is a convenience.
        }
    }

    /** The commits and pushes the hooks stopped, oldest first. */
    public List<BlockedCommit> blockedCommits() {
        return files.readBlocked();
    }

    /**
     * Tells each broker how often its references were found: {@code prevented} for findings
     * not yet published, {@code exposed} for those in commits that reached a remote. Counts by
     * reference only. Returns one line per broker (the broker's rotation hints, or why the
     * report failed); never throws.
     *
     * @param source {@code pre-commit}, {@code pre-push}, {@code history} or {@code scan}
     */
    public List<String> report(ScanReport report, String source, Function<URI, BearerToken> tokens) {
        return Exposures.report(report, source, tokens);
    }

    /** What the guard's scans need of it; the agent's held scans keep one (through {@link GuardAccess}). */
    ScanContext scanContext() {
        return new ScanContext(keychain::get, files, clock, background);
    }

    String gitExecutable() {
        return git;
    }

    /** Builds a {@link LeakGuard}; tests give their own folder, store and clock. */
    public static final class Builder {
        private Path folder = LatchkeyDirectories.state(System.getenv(), Path.of(System.getProperty("user.home")))
                .resolve("guard");
        // A scan only reads the fingerprint key: the reader gets it in one keychain call.
        private Supplier<CredentialStore> stores = KeychainProbe::reader;
        private boolean osKeychain = true;
        private Clock clock = Clock.systemUTC();
        private Duration expiry = DEFAULT_EXPIRY;
        private String git = "git";

        private Builder() {
        }

        /** Where the fingerprint file, the installed repositories and the blocked commits are kept. */
        public Builder folder(Path value) {
            this.folder = Objects.requireNonNull(value);
            return this;
        }

        /** The keychain holding the fingerprint key (by default the OS keychain, probed on first use). */
        public Builder credentialStore(CredentialStore value) {
            Objects.requireNonNull(value);
            this.stores = () -> value;
            this.osKeychain = false;
            return this;
        }

        /** The only source of time (fingerprint expiry, blocked-commit times). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** How long fingerprints are kept after a value was last received (default 90 days). */
        public Builder expiry(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("the expiry must be positive");
            }
            this.expiry = value;
            return this;
        }

        /** The git executable (default {@code git} on PATH). */
        public Builder git(String value) {
            this.git = Objects.requireNonNull(value);
            return this;
        }

        /** The guard; nothing is read or written until it is used. */
        public LeakGuard build() {
            return new LeakGuard(this);
        }
    }
}
