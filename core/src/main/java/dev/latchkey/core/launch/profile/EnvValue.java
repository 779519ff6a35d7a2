package dev.latchkey.core.launch.profile;

import dev.latchkey.core.brokerapi.SecretRef;

/** What a variable in a template or profile is set to: a plain value or a reference. */
public sealed interface EnvValue {

    /** A value written in the file itself; not secret (it is committed). */
    record Plain(String text) implements EnvValue {
    }

    /** A reference, resolved through the broker at launch. */
    record Reference(SecretRef ref) implements EnvValue {
    }

    /** A reference when {@code text} starts with {@code latchkey://}, a plain value otherwise. */
    static EnvValue of(String text) {
        return SecretRef.looksLikeRef(text) ? new Reference(SecretRef.parse(text)) : new Plain(text);
    }
}
