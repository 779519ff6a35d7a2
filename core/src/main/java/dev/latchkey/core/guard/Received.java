package dev.latchkey.core.guard;

import dev.latchkey.core.brokerapi.SecretRef;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A value the user received, to be fingerprinted. Lives only in memory; its {@link #toString()}
 * never shows the value.
 *
 * @param label what a finding will name: the reference, or {@code sandbox NAME}
 * @param value the value
 * @param broker where it came from (exposure reports go there)
 */
public record Received(String label, String value, Optional<URI> broker) {

    public Received {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(broker, "broker");
    }

    /** A secret's value, resolved from {@code ref} at {@code broker}. */
    public static Received secret(SecretRef ref, String value, URI broker) {
        return new Received(ref.toString(), value, Optional.ofNullable(broker));
    }

    /** A sandbox token minted for {@code sandbox}. */
    public static Received sandboxToken(String sandbox, String token, URI broker) {
        return new Received("sandbox " + sandbox, token, Optional.ofNullable(broker));
    }

    @Override
    public String toString() {
        return "Received[" + label + "]";
    }
}
