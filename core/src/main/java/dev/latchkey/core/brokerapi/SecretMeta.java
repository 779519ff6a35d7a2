package dev.latchkey.core.brokerapi;

import java.time.Instant;
import java.util.Optional;

/**
 * What the broker says about a secret without its value.
 *
 * @param name the secret's name within its scope
 * @param description what it is for
 * @param version its current version
 * @param updated when it last changed
 * @param rotationDue when it should be rotated, if a rotation is planned
 */
public record SecretMeta(String name, String description, long version, Optional<Instant> updated,
                         Optional<Instant> rotationDue) {
}
