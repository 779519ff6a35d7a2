package dev.latchkey.core.internal.keychain;

import com.github.javakeyring.Keyring;
import dev.latchkey.core.keychain.KeychainPromptListener;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.CredentialKey;
import com.github.javakeyring.BackendNotSupportedException;

/**
 * Finds out, within a bounded time, whether the OS keychain works, and returns the store to
 * use: the keychain when it answers, an in-memory store that says why otherwise. Never a
 * plaintext file (security invariant 4).
 *
 * <p>On Linux the Secret Service is reached through libsecret when it loads (it runs every
 * prompt and starts in a fraction of the time), through java-keyring otherwise; macOS and
 * Windows use java-keyring. A locked keychain is not a missing one: the probe asks it to unlock,
 * tells the {@link KeychainPromptListener} what it waits for, and waits up to 60 s for the
 * person, beyond {@code bound}. Only a keychain that is
 * absent, broken or declined leads to a memory-only session, whose reason says which.
 */
public final class KeychainProbe {

    /** How long the probe may take (unless the keychain shows a prompt) before Latchkey settles for memory only. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(3);

    /** How long any later keychain call may take, unless the keychain shows a prompt. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** Names the libsecret library to load, or {@code none} to use java-keyring (diagnosis, tests). */
    static final String LIBSECRET_PROPERTY = "latchkey.libsecret";

    /** Names the {@code secret-tool} a {@link #reader()} runs, or {@code none} to read through libsecret (tests). */
    static final String SECRET_TOOL_PROPERTY = "latchkey.secret-tool";

    private static final CredentialKey PROBE = new CredentialKey(CredentialKey.SERVICE_PREFIX + "probe", "probe");

    private KeychainProbe() {
    }

    /** The store for this process, found within {@link #DEFAULT_BOUND}; prompts are waited for silently. */
    public static CredentialStore open() {
        return open(DEFAULT_BOUND);
    }

    /** The store for this process, found within {@code bound}; prompts are waited for silently. */
    public static CredentialStore open(Duration bound) {
        return open(bound, KeychainPromptListener.NONE);
    }

    /**
     * The store for this process, found within {@code bound} unless the keychain shows a prompt,
     * which {@code prompts} hears of (now and on every later call that prompts).
     */
    public static CredentialStore open(Duration bound, KeychainPromptListener prompts) {
        return open(bound, prompts, false);
    }

    /**
     * The store for a process that runs one command and ends, found within {@code bound}: the same
     * as {@link #open(Duration, KeychainPromptListener)}, except that the first read comes sooner.
     * On Linux, where libsecret's {@code secret-tool} and {@code dbus-send} are installed and the
     * keychain answers unlocked, entries are read with the tool and libsecret is loaded only for a
     * write or a read the tool does not answer ({@link ToolReadStore}); otherwise, through
     * libsecret, which program keeps the keychain is asked only when the store's mode is (only
     * {@code latchkey status} and {@code login} show it).
     */
    public static CredentialStore openForReads(Duration bound, KeychainPromptListener prompts) {
        Supplier<CredentialStore> full = new OpeningFullStore(bound, prompts);
        Optional<CredentialStore> tool = toolReads(bound, full);
        return tool.isPresent() ? tool.get() : full.get();
    }

    /**
     * {@link #openForReads} to call later (a one-command session's keychain thread calls it). This
     * and the rest of that path are classes and plain code, not lambdas: the build's training never
     * opens a real keychain, so a lambda here was spun at run time on the way to the first read.
     */
    public static Supplier<CredentialStore> opensForReads(Duration bound, KeychainPromptListener prompts) {
        return new OpeningForReads(bound, prompts);
    }

    /** A keychain opening to call later, with the bound and prompts it opens with. */
    private abstract static class Opening implements Supplier<CredentialStore> {
        final Duration bound;
        final KeychainPromptListener prompts;

        Opening(Duration bound, KeychainPromptListener prompts) {
            this.bound = bound;
            this.prompts = prompts;
        }
    }

    /** Opens {@link #openForReads}'s store: the tool's reads where they work, the full store otherwise. */
    private static final class OpeningForReads extends Opening {
        OpeningForReads(Duration bound, KeychainPromptListener prompts) {
            super(bound, prompts);
        }

        @Override
        public CredentialStore get() {
            return openForReads(bound, prompts);
        }
    }

    /**
     * Opens the full store as {@link #openForReads} wants it ({@link #open(Duration, KeychainPromptListener, boolean)}
     * for reads): what it returns where the tool's reads do not work, and what those reads fall back to.
     */
    private static final class OpeningFullStore extends Opening {
        OpeningFullStore(Duration bound, KeychainPromptListener prompts) {
            super(bound, prompts);
        }

        @Override
        public CredentialStore get() {
            return open(bound, prompts, true);
        }
    }

    /** No fallback for the tool's reads: {@link ToolReadStore} takes the long way itself. */
    private static final class NoFallback implements Supplier<Optional<CredentialStore>> {
        @Override
        public Optional<CredentialStore> get() {
            return Optional.empty();
        }
    }

    /** {@link ToolReadStore} when its tools are installed and the keychain answers unlocked. */
    static Optional<CredentialStore> toolReads(Duration bound, Supplier<CredentialStore> full) {
        String tool = System.getProperty(SECRET_TOOL_PROPERTY, SecretToolReader.DEFAULT_TOOL.toString());
        if (!linux() || tool.equals("none") || libsecretName().equals("none") || !SecretToolReader.usable(Path.of(tool))
                || !SecretServiceBus.usable(SecretServiceBus.DEFAULT_TOOL) || !SecretToolReader.busFindable(System.getenv())) {
            return Optional.empty();
        }
        return ToolReadStore.open(new SecretToolReader(Path.of(tool), new NoFallback()),
                new SecretServiceBus(SecretServiceBus.DEFAULT_TOOL, bound), full);
    }

    private static CredentialStore open(Duration bound, KeychainPromptListener prompts, boolean forReads) {
        KeychainCalls calls = new KeychainCalls(prompts);
        Optional<Libsecret> libsecret = libsecret();
        try {
            if (libsecret.isPresent()) {
                SecretServiceStore store = new SecretServiceStore(libsecret.get(), calls, CALL_TIMEOUT);
                store.open(bound, !forReads);
                return new ChunkedCredentialStore(store, ChunkedCredentialStore.UNSPLIT_CHARS);
            }
            return new ChunkedCredentialStore(javaKeyring(calls, bound));
        } catch (KeychainException e) {
            return new InMemoryCredentialStore(e.reason());
        }
    }

    /**
     * The store for a short-lived process that reads an entry or two, such as a git hook: on
     * Linux with libsecret, a read is a single keychain call with no probe first (a missing or
     * failing keychain shows on the read, as a {@link KeychainException}); writes open the full
     * store first. Where libsecret's {@code secret-tool} is installed, a read is that tool's lookup
     * ({@link SecretToolReader}) and libsecret is loaded only when the tool does not answer.
     * Elsewhere the same as {@link #open()}.
     */
    public static CredentialStore reader() {
        String tool = System.getProperty(SECRET_TOOL_PROPERTY, SecretToolReader.DEFAULT_TOOL.toString());
        if (linux() && !tool.equals("none") && !libsecretName().equals("none") && SecretToolReader.usable(Path.of(tool))
                && SecretToolReader.busFindable(System.getenv())) {
            // libsecret's own tool reads in a fraction of a cold JVM's binding; it loads nothing here.
            return readerThrough(Path.of(tool), true);
        }
        return libsecretReader();
    }

    /**
     * {@link #reader()}'s store where each read is one run of {@code tool} (libsecret's
     * {@code secret-tool}, or a stand-in for it). A read the tool does not answer plainly goes to
     * libsecret in this process when {@code libsecret}, else fails as a missing keychain: an
     * ahead-of-time training reads through a stand-in program this way and can never reach a
     * real keychain.
     */
    public static CredentialStore readerThrough(Path tool, boolean libsecret) {
        return new ChunkedCredentialStore(new SecretToolReader(tool, new LibsecretEntries(libsecret)),
                ChunkedCredentialStore.UNSPLIT_CHARS);
    }

    /**
     * Where a {@link SecretToolReader} turns when the tool gives no plain answer: libsecret's
     * lookups in this process ({@link #lookupEntries}), or nothing. A class rather than a method
     * reference: the pre-commit hook's AOT training reads its key through a stand-in tool, so the
     * cache holds this class, where a method reference was linked anew on every commit.
     */
    static final class LibsecretEntries implements Supplier<Optional<CredentialStore>> {
        private final boolean libsecret;

        LibsecretEntries(boolean libsecret) {
            this.libsecret = libsecret;
        }

        @Override
        public Optional<CredentialStore> get() {
            return libsecret ? lookupEntries() : Optional.empty();
        }
    }

    /** {@link #reader()} through libsecret in this process. */
    static CredentialStore libsecretReader() {
        return lookupEntries().<CredentialStore>map(e -> new ChunkedCredentialStore(e, ChunkedCredentialStore.UNSPLIT_CHARS))
                .orElseGet(KeychainProbe::open);
    }

    /**
     * The entries as libsecret reads them in this process, one item each (what a
     * {@link ChunkedCredentialStore} wraps); empty without libsecret.
     */
    static Optional<CredentialStore> lookupEntries() {
        return libsecret().map(lib -> new SecretServiceLookup(lib, new KeychainCalls(KeychainPromptListener.NONE),
                DEFAULT_BOUND));
    }

    /**
     * Binds the native calls a {@link #reader()} read makes, without calling the keychain: an
     * ahead-of-time training run calls this, so the cache it writes holds their code. Does
     * nothing where libsecret is not used.
     */
    public static void bindReaderCalls() {
        reader();
        libsecret().ifPresent(Libsecret::bindLookup);
    }

    /**
     * Binds the native calls of the full store ({@link #open()}) and loads its classes, running one
     * empty call through its bounded-call machinery, without calling the keychain: an ahead-of-time
     * training run, which never opens a real keychain, calls this so the cache it writes holds the
     * code a signed-in command's keychain reads run. Does nothing where libsecret is not used.
     */
    public static void bindStoreCalls() {
        libsecret().ifPresent(lib -> {
            lib.bindAll();
            KeychainCalls calls = new KeychainCalls(KeychainPromptListener.NONE);
            new ChunkedCredentialStore(new SecretServiceStore(lib, calls, CALL_TIMEOUT), ChunkedCredentialStore.UNSPLIT_CHARS);
            try {
                calls.run("prepare the keychain calls", DEFAULT_BOUND, ctx -> null);
            } catch (KeychainException e) {
                throw new IllegalStateException("an empty keychain call failed: " + e.getMessage(), e);
            }
        });
    }

    private static Optional<Libsecret> libsecret() {
        String library = libsecretName();
        return linux() && !library.equals("none") ? Libsecret.load(library) : Optional.empty();
    }

    private static String libsecretName() {
        return System.getProperty(LIBSECRET_PROPERTY, Libsecret.DEFAULT_LIBRARY);
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /** java-keyring: a throw-away entry is written, read back and removed within {@code bound}. */
    private static CredentialStore javaKeyring(KeychainCalls calls, Duration bound) throws KeychainException {
        String backend = calls.run("store, read and remove a test entry", bound, ctx -> {
            Keyring keyring;
            try {
                keyring = Keyring.create();
            } catch (BackendNotSupportedException e) {
                String reason = "no keychain is available on this system";
                throw new KeychainUnavailableException(reason, reason, e);
            }
            try {
                String marker = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
                keyring.setPassword(PROBE.service(), PROBE.account(), marker);
                String back = keyring.getPassword(PROBE.service(), PROBE.account());
                keyring.deletePassword(PROBE.service(), PROBE.account());
                if (!marker.equals(back)) {
                    String reason = "the keychain returned something other than what was stored";
                    throw new KeychainException(reason, reason, null);
                }
                return KeyringCredentialStore.describe(keyring);
            } finally {
                KeyringCredentialStore.closeQuietly(keyring);
            }
        });
        return new KeyringCredentialStore(Keyring::create, backend, calls, CALL_TIMEOUT);
    }
}
