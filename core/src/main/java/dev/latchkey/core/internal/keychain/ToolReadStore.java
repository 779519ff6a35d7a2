package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Secret Service for a process that runs one command and ends (the CLI), read without
 * libsecret in this process: each entry is a {@code secret-tool lookup} ({@link SecretToolReader}),
 * which answers in some 30 ms where binding libsecret in a cold JVM takes about 0.3 s (its
 * downcall stubs are spun on every start; the AOT cache cannot keep them).
 *
 * <p>It is used only once {@code dbus-send} has found the keychain as the long way's opening would
 * leave it: the Secret Service answers and its default collection is there and unlocked (a locked
 * one goes the long way, which puts up the unlock prompt and tells the person, or settles for
 * memory only with the reason). Before the first read of a service it also checks that none of
 * that service's entries is locked (KeePassXC's access request), so the tool never puts up a prompt
 * Latchkey has not announced. {@link #mode()} names the process answering on the bus, as the long
 * way does.
 *
 * <p>Writes, removals, a read the tool does not answer plainly and a service with a locked entry
 * go to the full store, opened on first need exactly as before ({@code KeychainProbe}); from then on
 * every call goes there, so this process never sees two answers for one entry.
 */
final class ToolReadStore implements CredentialStore, WholeServiceReads {

    private final SecretToolReader tool;
    private final CredentialStore quick;
    private final SecretServiceBus bus;
    private final Supplier<CredentialStore> openFull;
    private final Map<String, Boolean> servicesUnlocked = new ConcurrentHashMap<>();
    private volatile CredentialStore full;
    // Which program answers; null until mode() asks (only status and login show it).
    private volatile String backend;

    private ToolReadStore(SecretToolReader tool, SecretServiceBus bus, Supplier<CredentialStore> openFull) {
        this.tool = tool;
        this.quick = new ChunkedCredentialStore(new ToolEntries(tool), ChunkedCredentialStore.UNSPLIT_CHARS);
        this.bus = bus;
        this.openFull = openFull;
    }

    /**
     * This store when the keychain answers unlocked; empty when it is locked, missing or did not
     * answer plainly, for the caller to open the full store instead.
     *
     * @param openFull opens the full store (libsecret), which never throws: a missing keychain is a memory-only store
     */
    static Optional<CredentialStore> open(SecretToolReader tool, SecretServiceBus bus, Supplier<CredentialStore> openFull) {
        if (!bus.defaultCollectionLocked().equals(Optional.of(false))) {
            return Optional.empty();
        }
        return Optional.of(new ToolReadStore(tool, bus, openFull));
    }

    @Override
    public Optional<String> read(CredentialKey key) throws KeychainException {
        CredentialStore f = full;
        if (f != null) {
            return f.read(key);
        }
        // Asked once per service (reads side by side may each ask the first time; the answer is the same).
        Boolean unlocked = servicesUnlocked.get(key.service());
        if (unlocked == null) {
            unlocked = bus.serviceUnlocked(key.service()).equals(Optional.of(true));
            servicesUnlocked.put(key.service(), unlocked);
        }
        if (!unlocked) {
            return full().read(key);
        }
        try {
            return quick.read(key);
        } catch (NoPlainAnswer e) {
            return full().read(key);
        }
    }

    /**
     * Every entry of {@code service} at once (one {@code secret-tool search}), account to value;
     * empty when the full store is open, the answer did not read plainly, or an entry is not one
     * whole value (split in parts by an earlier version, or not Latchkey's): then each entry is
     * read on its own, as before.
     */
    @Override
    public Optional<Map<String, String>> readService(String service) {
        if (full != null) {
            return Optional.empty();
        }
        Optional<Map<String, String>> entries = tool.searchService(service, KeychainProbe.CALL_TIMEOUT);
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (Map.Entry<String, String> e : entries.get().entrySet()) {
            if (!e.getValue().startsWith(ChunkedCredentialStore.WHOLE)) {
                return Optional.empty();
            }
            values.put(e.getKey(), e.getValue().substring(ChunkedCredentialStore.WHOLE.length()));
        }
        // What the search saw is what a lookup would: none of the service's entries is locked.
        servicesUnlocked.put(service, true);
        return Optional.of(values);
    }

    @Override
    public void write(CredentialKey key, String value) throws KeychainException {
        full().write(key, value);
    }

    @Override
    public void delete(CredentialKey key) throws KeychainException {
        full().delete(key);
    }

    @Override
    public StorageMode mode() {
        CredentialStore f = full;
        if (f != null) {
            return f.mode();
        }
        String b = backend;
        if (b == null) {
            // The same words as SecretServiceNames.describe gives through libsecret, the same fallback
            // (plain code, no lambda: status asks this in a one-command process).
            Optional<Integer> pid = bus.ownerPid();
            Optional<String> program = pid.isPresent() ? SecretServiceNames.program(pid.get()) : Optional.empty();
            b = program.isPresent() ? "Secret Service: " + program.get() : "Secret Service";
            backend = b;
        }
        return new StorageMode.Keychain(b);
    }

    /** Whether the full store was opened (tests). */
    boolean fullOpened() {
        return full != null;
    }

    private synchronized CredentialStore full() {
        if (full == null) {
            full = openFull.get();
        }
        return full;
    }

    /** A read the tool did not answer plainly: the whole value is read the long way. */
    private static final class NoPlainAnswer extends KeychainException {
        private static final long serialVersionUID = 1L;

        NoPlainAnswer() {
            super("secret-tool gave no plain answer", null);
        }
    }

    /** The tool's entries, one item each, for the chunked reader above; reads only. */
    private record ToolEntries(SecretToolReader tool) implements CredentialStore {

        @Override
        public Optional<String> read(CredentialKey key) throws KeychainException {
            Optional<Optional<String>> answer = tool.shortRead(key);
            if (answer.isEmpty()) {
                throw new NoPlainAnswer();
            }
            return answer.get();
        }

        @Override
        public void write(CredentialKey key, String value) {
            throw new UnsupportedOperationException("writes go to the full store");
        }

        @Override
        public void delete(CredentialKey key) {
            throw new UnsupportedOperationException("removals go to the full store");
        }

        @Override
        public StorageMode mode() {
            throw new UnsupportedOperationException("the mode is the store's");
        }
    }
}
