package dev.latchkey.core.keychain;

import java.util.Optional;

/**
 * Where Latchkey keeps credentials at rest: the OS keychain, or memory when there is none.
 * There is deliberately no file-backed implementation (DESIGN.md, security invariant 4).
 *
 * <p>Calls block; an implementation bounds each one in time and reports a keychain that does
 * not answer as a {@link KeychainException}, never by hanging. Implementations are safe for use
 * by several threads.
 */
public interface CredentialStore {

    /** The value under {@code key}, or empty when there is none. */
    Optional<String> read(CredentialKey key) throws KeychainException;

    /** Stores {@code value} under {@code key}, replacing what was there. */
    void write(CredentialKey key, String value) throws KeychainException;

    /** Removes {@code key}; removing an absent key is not an error. */
    void delete(CredentialKey key) throws KeychainException;

    /** Whether what this store holds outlives the process, so every surface can say so. */
    StorageMode mode();
}
