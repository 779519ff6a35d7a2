package dev.latchkey.core.internal.guard;

import dev.latchkey.core.keychain.CredentialStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * What a scan needs of the leak guard that runs it: its keychain (opened on first use), its files,
 * its clock and its background thread.
 */
public record ScanContext(Supplier<CredentialStore> stores, GuardFiles files, Clock clock, ExecutorService background) {

    CredentialStore store() {
        return stores.get();
    }

    Instant now() {
        return clock.instant();
    }
}
