package dev.latchkey.core.internal.session;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mapper for the session's keychain entries, made when an entry is first read or written, not
 * when a vault is made: making one takes tens of milliseconds, which a command then spends while
 * the keychain opens on a thread of its own (SessionVault.forOneCommand) instead of before.
 */
final class SessionJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private SessionJson() {
    }
}
