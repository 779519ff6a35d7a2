package dev.latchkey.broker.devidp;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * The short code a person types on the verification page, such as {@code BCDF-GHJK}.
 *
 * <p>Consonants only (RFC 8628 §6.1): no vowels, so no words can form, and none of the letters
 * people confuse with digits. Eight of twenty letters give about 34 bits; a device code lives
 * minutes, and the dev IdP listens on loopback. Stored without the dash, shown with it.
 *
 * @param value eight letters from {@link #ALPHABET}, without a dash
 */
record UserCode(String value) {

    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    private static final int LENGTH = 8;

    UserCode {
        if (value.length() != LENGTH || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not a user code");
        }
    }

    static UserCode random(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new UserCode(code.toString());
    }

    /**
     * Reads what a person typed: any case, with or without the dash or spaces. Empty when it cannot
     * be a user code at all.
     */
    static Optional<UserCode> parse(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String letters = typed.toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "").strip();
        if (letters.length() != LENGTH || !letters.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(new UserCode(letters));
    }

    /** How people see it: two groups of four. */
    String display() {
        return value.substring(0, LENGTH / 2) + "-" + value.substring(LENGTH / 2);
    }

    @Override
    public String toString() {
        // Never print the code itself: toString lands in logs and exception messages.
        return "UserCode[<hidden>]";
    }
}
