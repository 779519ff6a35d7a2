package dev.latchkey.broker.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * A secret's metadata as the policy declares it. Values never appear in a policy.
 *
 * @param name the secret's name within its scope
 * @param description what it is for
 * @param rotateEvery how long a value may live before it is due for rotation
 */
public record SecretDecl(String name, String description, Optional<Duration> rotateEvery) {
}
