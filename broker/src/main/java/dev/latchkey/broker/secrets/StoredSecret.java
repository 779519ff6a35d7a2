package dev.latchkey.broker.secrets;

import java.time.Instant;

/**
 * What the store knows about a secret without opening it.
 *
 * @param name the secret's name within its scope
 * @param version its current version, from 1
 * @param updated when the current version was set
 */
public record StoredSecret(String name, int version, Instant updated) {
}
