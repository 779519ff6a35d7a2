package dev.latchkey.core.keychain;

import java.net.URI;
import java.util.Objects;

/**
 * Where one credential lives in a keychain: the Secret Service's {@code service} and
 * {@code account} attributes, the macOS Keychain's service and account, the Windows target name.
 * Names only: a key never holds a secret.
 *
 * @param service {@code latchkey:<broker URL>}, so each broker's entries stay apart
 * @param account the user's subject and the item, such as {@code 3f2a.../refresh-token}
 */
public record CredentialKey(String service, String account) {

    /** Prefix of every service name Latchkey writes, so a person can find them all. */
    public static final String SERVICE_PREFIX = "latchkey:";

    public CredentialKey {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(account, "account");
        if (service.isBlank() || account.isBlank()) {
            throw new IllegalArgumentException("a credential key needs a service and an account");
        }
    }

    /** The key of {@code item} in the session of {@code user} at {@code broker}. */
    public static CredentialKey of(URI broker, String user, String item) {
        return new CredentialKey(serviceOf(broker), user + "/" + item);
    }

    /** The service name under which every entry for {@code broker} is kept. */
    public static String serviceOf(URI broker) {
        return SERVICE_PREFIX + broker;
    }

    /** The same service with another account, such as a numbered chunk. */
    public CredentialKey withAccount(String otherAccount) {
        return new CredentialKey(service, otherAccount);
    }

    // Written out rather than the record's own: those are bootstrapped through method handles on
    // their first call (about ten classes spun in every one-command process, which reads its
    // session's keys into a map), and no AOT cache holds them.
    @Override
    public final boolean equals(Object o) {
        return o instanceof CredentialKey k && service.equals(k.service) && account.equals(k.account);
    }

    @Override
    public final int hashCode() {
        return 31 * service.hashCode() + account.hashCode();
    }
}
