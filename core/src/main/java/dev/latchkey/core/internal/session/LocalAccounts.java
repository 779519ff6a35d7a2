package dev.latchkey.core.internal.session;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.latchkey.core.internal.json.StrictJson;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a broker's stored accounts a local user is using, kept in the keychain beside the
 * sessions (names only, no secret):
 * <ul>
 *   <li>{@code current-user/<local user>}: the subject this local user is signed in as,</li>
 *   <li>{@code accounts/<local user>}: every subject this local user has signed in with, to switch between.</li>
 * </ul>
 * Keyed by the local (OS) user, so two people whose sessions share one keychain never replace each
 * other's. A session stored by an earlier Latchkey has the single pointer {@code current-user}; the
 * first local user to read it adopts it and the old entry goes.
 */
final class LocalAccounts {

    static final String LEGACY_POINTER = "current-user";

    private final CredentialStore store;
    private final String service;
    private final String localUser;

    LocalAccounts(CredentialStore store, URI broker, String localUser) {
        this.store = store;
        this.service = CredentialKey.serviceOf(broker);
        this.localUser = localUser == null || localUser.isBlank() ? "default" : localUser.strip();
    }

    /** The subject this local user is signed in as, if any. */
    Optional<String> current() throws KeychainException {
        Optional<String> subject = store.read(pointer());
        if (subject.isPresent()) {
            return subject;
        }
        Optional<String> legacy = store.read(legacyPointer());
        if (legacy.isPresent()) {
            use(legacy.get());
        }
        return legacy;
    }

    /** Makes {@code subject} this local user's current account, remembering it for switching back. */
    void use(String subject) throws KeychainException {
        List<String> all = subjects();
        if (!all.contains(subject)) {
            all.add(subject);
            writeIndex(all);
        }
        store.write(pointer(), subject);
        store.delete(legacyPointer());
    }

    /** Every subject this local user has signed in with and not signed out of, oldest first. */
    List<String> subjects() throws KeychainException {
        List<String> out = new ArrayList<>();
        Optional<String> stored = store.read(index());
        if (stored.isPresent()) {
            try {
                // Read with StrictJson: `status` lists the other accounts, and Jackson's first mapper costs it more.
                if (StrictJson.parse(stored.get()) instanceof List<?> subjects) {
                    for (Object subject : subjects) {
                        if (subject instanceof String text && !out.contains(text)) {
                            out.add(text);
                        }
                    }
                }
            } catch (StrictJson.Malformed e) {
                // An unreadable list names nobody; it is rewritten on the next sign-in.
            }
        }
        return out;
    }

    /** Forgets {@code subject}: gone from the list, and no longer current. */
    void forget(String subject) throws KeychainException {
        List<String> all = subjects();
        if (all.remove(subject)) {
            writeIndex(all);
        }
        if (store.read(pointer()).filter(subject::equals).isPresent()) {
            store.delete(pointer());
        }
        if (store.read(legacyPointer()).filter(subject::equals).isPresent()) {
            store.delete(legacyPointer());
        }
    }

    private void writeIndex(List<String> subjects) throws KeychainException {
        if (subjects.isEmpty()) {
            store.delete(index());
            return;
        }
        ArrayNode list = SessionJson.MAPPER.createArrayNode();
        subjects.forEach(list::add);
        store.write(index(), list.toString());
    }

    private CredentialKey pointer() {
        return new CredentialKey(service, LEGACY_POINTER + "/" + localUser);
    }

    private CredentialKey legacyPointer() {
        return new CredentialKey(service, LEGACY_POINTER);
    }

    /** The entry listing this local user's subjects ({@link #subjects()}), for a read ahead. */
    CredentialKey index() {
        return new CredentialKey(service, "accounts/" + localUser);
    }
}
