package dev.latchkey.core.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.auth.User;
import dev.latchkey.core.internal.auth.TokenSet;
import dev.latchkey.core.internal.keychain.WholeServiceReads;
import dev.latchkey.core.keychain.CountingKeychain;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import dev.latchkey.testsupport.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A vault for one command ({@link SessionVault#forOneCommand}): the store opens on a thread of its
 * own, each entry is read from the keychain once, and reads that must be fresh ask it again.
 */
class OneCommandVaultTest {

    private static final URI BROKER = URI.create("https://broker.example.com");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final CountingKeychain keychain = new CountingKeychain();
    // Another process sharing the keychain: it reads and writes it directly.
    private final SessionVault otherProcess = new SessionVault(keychain.entries(), BROKER, clock, "ada-os");
    private final User ada = new User("ada-1", "Ada", "ada@example.com", List.of("payments-dev"));
    // The keychain of vaultWhoseKeychainWaits: the thread it was opened on, and the latch that lets it answer.
    private final AtomicReference<String> openedOn = new AtomicReference<>();
    private final CountDownLatch keychainAnswers = new CountDownLatch(1);

    @Test
    void everyPartOfTheCommandSharesOneReadOfEachEntry() throws Exception {
        SessionVault vault = vaultAfterAdaSignedInElsewhere();

        for (int i = 0; i < 3; i++) {
            assertThat(vault.read().orElseThrow().accessToken()).contains("at");
            assertThat(vault.accounts()).containsExactly(ada);
        }

        assertThat(keychain.readsPerEntry()).as("reads per entry, the read ahead on the opening thread included")
                .isNotEmpty().allSatisfy((key, count) -> assertThat(count.get()).as(key.account()).isEqualTo(1));
    }

    @Test
    void aReadThatMustBeFreshSeesWhatAnotherProcessWroteMeanwhile() throws Exception {
        SessionVault vault = vaultAfterAdaSignedInElsewhere();
        assertThat(vault.read().orElseThrow().refreshToken()).contains("rt");

        otherProcess.saveRefresh(ada, tokens("at2", "rt2"));

        assertThat(vault.read().orElseThrow().refreshToken()).as("remembered").contains("rt");
        assertThat(vault.readFresh().orElseThrow().refreshToken()).as("under the refresh lock").contains("rt2");
        assertThat(vault.read().orElseThrow().accessToken()).as("and remembered from then on").contains("at2");
    }

    @Test
    void itsOwnWritesAreWhatItReadsNextAndASignOutActsOnTheKeychainAsItIsThen() throws Exception {
        SessionVault vault = vaultAfterAdaSignedInElsewhere();
        vault.saveRefresh(ada, tokens("at3", "rt3"));
        assertThat(vault.read().orElseThrow().accessToken()).contains("at3");
        assertThat(otherProcess.read().orElseThrow().accessToken()).as("written through").contains("at3");

        User grace = new User("grace-1", "Grace", "", List.of());
        otherProcess.saveSignIn(grace, tokens("gat", "grt"));
        vault.clear();

        assertThat(otherProcess.read()).as("the account current when signing out is the one signed out").isEmpty();
        assertThat(otherProcess.accounts()).containsExactly(ada);
    }

    @Test
    void theKeychainOpensOnAThreadOfItsOwnWhileTheCommandGoesOn() throws Exception {
        otherProcess.saveSignIn(ada, tokens("at", "rt"));
        SessionVault vault = vaultWhoseKeychainWaits();
        assertThat(openedOn.get()).as("not opened on the caller's thread").isNotEqualTo(Thread.currentThread().getName());
        keychainAnswers.countDown();

        assertThat(vault.read().orElseThrow().user()).isEqualTo(ada);
        assertThat(openedOn.get()).isEqualTo("latchkey-keychain-open");
        assertThat(vault.store().mode()).isEqualTo(keychain.mode());
    }

    @Test
    void aStoreThatCannotBeOpenedFailsEveryCallWithItsOwnError() {
        SessionVault vault = vaultWhoseKeychainIsBroken();

        assertThatThrownBy(vault::read).isInstanceOf(IllegalStateException.class).hasMessage("the keychain library is broken");
        assertThatThrownBy(() -> vault.store().mode()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherReaderIsLentTheKeychainOnceTheSessionWasReadAheadAndItsReadsAreNotRemembered() throws Exception {
        otherProcess.saveSignIn(ada, tokens("at", "rt"));
        CredentialKey guardKey = new CredentialKey(CredentialKey.SERVICE_PREFIX + "guard", "fingerprint-key");
        keychain.entries().write(guardKey, "a-key");
        SessionVault vault = vaultWhoseKeychainWaits();
        CompletableFuture<Optional<String>> lent = CompletableFuture.supplyAsync(() -> {
            try {
                return vault.shared().read(guardKey);
            } catch (KeychainException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(lent).as("waits for the keychain's opening").isNotDone();

        keychainAnswers.countDown();

        assertThat(lent.get(10, TimeUnit.SECONDS)).contains("a-key");
        assertThat(keychain.readOrder().getLast()).as("after the session's own entries").isEqualTo(guardKey);
        assertThat(keychain.readOrder()).hasSizeGreaterThan(1);
        vault.shared().read(guardKey);
        assertThat(keychain.readsPerEntry().get(guardKey)).as("not remembered: not the session's entry").hasValue(2);
    }

    @Test
    void aKeychainThatCannotBeOpenedFailsALentReadWithItsOwnError() {
        SessionVault vault = vaultWhoseKeychainIsBroken();

        assertThatThrownBy(() -> vault.shared().read(new CredentialKey(CredentialKey.SERVICE_PREFIX + "guard", "k")))
                .isInstanceOf(IllegalStateException.class).hasMessage("the keychain library is broken");
    }

    @Test
    void theSessionsEntriesAreReadAheadSideBySideAndOneThatFailedIsReadAgainWhenNeeded() throws Exception {
        otherProcess.saveSignIn(ada, tokens("at", "rt"));
        Set<String> batch = Set.of("ada-1/user", "ada-1/refresh-token", "ada-1/access-token", "accounts/ada-os");
        CyclicBarrier together = new CyclicBarrier(batch.size());
        AtomicInteger metTogether = new AtomicInteger();
        AtomicInteger accessFailures = new AtomicInteger();
        CredentialStore sideBySide = new CredentialStore() {
            @Override
            public Optional<String> read(CredentialKey key) throws KeychainException {
                if (batch.contains(key.account()) && keychain.readsPerEntry().getOrDefault(key, new AtomicInteger()).get() == 0) {
                    try {
                        // Every entry of the batch waits here until all four are being read at once.
                        together.await(10, TimeUnit.SECONDS);
                        metTogether.incrementAndGet();
                    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                        throw new KeychainException("not read side by side", e);
                    }
                    if (key.account().endsWith("/access-token") && accessFailures.getAndIncrement() == 0) {
                        keychain.read(key);
                        throw new KeychainException("the keychain did not answer in time", null);
                    }
                }
                return keychain.read(key);
            }

            @Override
            public void write(CredentialKey key, String value) throws KeychainException {
                keychain.write(key, value);
            }

            @Override
            public void delete(CredentialKey key) throws KeychainException {
                keychain.delete(key);
            }

            @Override
            public StorageMode mode() {
                return keychain.mode();
            }
        };
        SessionVault vault = vault(() -> sideBySide);

        assertThat(vault.read().orElseThrow().accessToken()).as("read again after the failed read ahead").contains("at");
        assertThat(metTogether).as("all four read at once").hasValue(batch.size());
        assertThat(vault.accounts()).containsExactly(ada);
        assertThat(keychain.readsPerEntry()).allSatisfy((key, count) -> assertThat(count.get()).as(key.account())
                .isEqualTo(key.account().endsWith("/access-token") ? 2 : 1));
    }

    @Test
    void aKeychainThatReadsAWholeServiceAtOnceIsAskedOnceAndNotEntryByEntryUntilAReadMustBeFresh() throws Exception {
        otherProcess.saveSignIn(ada, tokens("at", "rt"));
        List<String> wholeReads = new CopyOnWriteArrayList<>();
        WholeStore whole = new WholeStore(wholeReads);
        SessionVault vault = vault(() -> whole);

        assertThat(vault.read().orElseThrow().accessToken()).contains("at");
        assertThat(vault.accounts()).containsExactly(ada);
        assertThat(wholeReads).containsExactly(CredentialKey.serviceOf(BROKER));
        assertThat(keychain.readsPerEntry()).as("no entry read on its own").isEmpty();

        otherProcess.saveRefresh(ada, tokens("at2", "rt2"));
        assertThat(vault.readFresh().orElseThrow().refreshToken()).as("under the refresh lock").contains("rt2");
        assertThat(keychain.readsPerEntry()).isNotEmpty();
    }

    /** The counting keychain, which can also read a whole service at once (as secret-tool's search does). */
    private final class WholeStore implements CredentialStore, WholeServiceReads {
        private final List<String> wholeReads;

        WholeStore(List<String> wholeReads) {
            this.wholeReads = wholeReads;
        }

        @Override
        public Optional<Map<String, String>> readService(String service) {
            wholeReads.add(service);
            Map<String, String> all = new HashMap<>();
            for (String account : List.of("current-user/ada-os", "accounts/ada-os", "ada-1/user", "ada-1/refresh-token",
                    "ada-1/access-token", "ada-1/short-lived")) {
                keychain.entries().read(new CredentialKey(service, account)).ifPresent(v -> all.put(account, v));
            }
            return Optional.of(all);
        }

        @Override
        public Optional<String> read(CredentialKey key) throws KeychainException {
            return keychain.read(key);
        }

        @Override
        public void write(CredentialKey key, String value) throws KeychainException {
            keychain.write(key, value);
        }

        @Override
        public void delete(CredentialKey key) throws KeychainException {
            keychain.delete(key);
        }

        @Override
        public StorageMode mode() {
            return keychain.mode();
        }
    }

    /** Ada signed in by another process, and a vault for one command over the counting keychain. */
    private SessionVault vaultAfterAdaSignedInElsewhere() throws Exception {
        otherProcess.saveSignIn(ada, tokens("at", "rt"));
        return vault(() -> keychain);
    }

    /** A vault whose keychain opens (noting its thread) only once the test counts down {@link #keychainAnswers}. */
    private SessionVault vaultWhoseKeychainWaits() {
        return vault(() -> {
            openedOn.set(Thread.currentThread().getName());
            await(keychainAnswers);
            return keychain;
        });
    }

    private SessionVault vaultWhoseKeychainIsBroken() {
        return vault(() -> {
            throw new IllegalStateException("the keychain library is broken");
        });
    }

    private SessionVault vault(Supplier<CredentialStore> open) {
        return SessionVault.forOneCommand(open, BROKER, clock, "ada-os");
    }

    private TokenSet tokens(String access, String refresh) {
        return new TokenSet(access, clock.instant().plusSeconds(300), Optional.of(refresh), Optional.of(ada));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the keychain answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
