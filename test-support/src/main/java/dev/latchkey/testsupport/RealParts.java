package dev.latchkey.testsupport;

import org.junit.jupiter.api.Assumptions;

/**
 * A test that needs a real part (a Secret Service, an IdP, PostgreSQL, a signal it can deliver)
 * and finds it missing fails when CI says real parts are required
 * ({@code LATCHKEY_REQUIRE_REAL_PARTS=true}), and is skipped with the reason otherwise.
 */
public final class RealParts {

    private RealParts() {
    }

    /** Whether CI asked that every real part be present. */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv("LATCHKEY_REQUIRE_REAL_PARTS"));
    }

    /** Fails or skips, naming what is missing and how to provide it. */
    public static void missing(String what) {
        if (required()) {
            throw new AssertionError("LATCHKEY_REQUIRE_REAL_PARTS is set but " + what);
        }
        System.err.println("SKIPPED (no real part): " + what);
        Assumptions.abort(what + " (set LATCHKEY_REQUIRE_REAL_PARTS=true to make this a failure)");
    }
}
