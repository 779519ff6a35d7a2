package dev.latchkey.core.keychain;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Core tests' keychain: an {@link InMemoryCredentialStore} that counts its reads (per entry and in
 * order) and how often its storage mode is asked, reports the mode the test chose, and lets a test
 * watch or hold each read. {@link #entries()} is the same memory without the counting, as another
 * process sharing the keychain would see it.
 *
 * <p>In core's tests rather than test-support: test-support sits below core (core's tests use it),
 * so it cannot name a core type.
 */
public final class CountingKeychain implements CredentialStore {

    private final InMemoryCredentialStore entries = new InMemoryCredentialStore();
    private final StorageMode mode;
    private final Map<CredentialKey, AtomicInteger> reads = new ConcurrentHashMap<>();
    private final List<CredentialKey> order = new CopyOnWriteArrayList<>();
    private final AtomicInteger modeAsked = new AtomicInteger();
    private volatile Consumer<CredentialKey> onRead = key -> { };

    /** A keychain that says it is memory-only, as {@link InMemoryCredentialStore} does. */
    public CountingKeychain() {
        this(new InMemoryCredentialStore().mode());
    }

    /** A keychain that reports {@code mode} (an OS keychain, say, so the code under test treats it as one). */
    public CountingKeychain(StorageMode mode) {
        this.mode = mode;
    }

    /** A keychain that says it outlives the process. */
    public static CountingKeychain outlivingTheProcess() {
        return new CountingKeychain(new StorageMode.Keychain("a keychain in the test"));
    }

    /** Runs {@code hook} on the reading thread at each read, after it is counted and before it answers. */
    public void onRead(Consumer<CredentialKey> hook) {
        onRead = hook;
    }

    @Override
    public Optional<String> read(CredentialKey key) {
        reads.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        order.add(key);
        onRead.accept(key);
        return entries.read(key);
    }

    @Override
    public void write(CredentialKey key, String value) {
        entries.write(key, value);
    }

    @Override
    public void delete(CredentialKey key) {
        entries.delete(key);
    }

    @Override
    public StorageMode mode() {
        modeAsked.incrementAndGet();
        return mode;
    }

    /** The entries themselves: reads and writes here are not counted. */
    public InMemoryCredentialStore entries() {
        return entries;
    }

    /** How often each entry was read so far (a live view). */
    public Map<CredentialKey, AtomicInteger> readsPerEntry() {
        return Collections.unmodifiableMap(reads);
    }

    /** Every read so far, in order (a live view). */
    public List<CredentialKey> readOrder() {
        return Collections.unmodifiableList(order);
    }

    /** How many reads there were, of any entry. */
    public int reads() {
        return order.size();
    }

    /** How often the storage mode was asked. */
    public int modeAsked() {
        return modeAsked.get();
    }
}
