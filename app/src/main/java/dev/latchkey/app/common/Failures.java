package dev.latchkey.app.common;

import dev.latchkey.app.demo.DemoBrokerException;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.brokerapi.BrokerException;

/** Turns a failure into a sentence for the screen. Core's messages are written for people already. */
public final class Failures {

    private Failures() {
    }

    /** What to show for {@code e}: the typed message where there is one, a generic sentence otherwise. */
    public static String describe(Exception e) {
        if (e instanceof BrokerException || e instanceof AuthException || e instanceof IllegalArgumentException
                || e instanceof DemoBrokerException) {
            return capitalise(e.getMessage());
        }
        // Unknown failures may carry anything in their message; show only the kind, in words.
        return "Something went wrong (" + FailureText.describe(e) + "). Try again; if it keeps failing, restart Latchkey.";
    }

    private static String capitalise(String s) {
        if (s == null || s.isEmpty()) {
            return "Something went wrong.";
        }
        String sentence = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }
}
