package dev.latchkey.testsupport.keycloak;

/**
 * Keycloak can approve a device code before its own transaction has stored the consent given with
 * it; a poll landing in between is refused with {@code invalid_scope} and these exact words, and
 * the code is spent. A person then signs in once more (Latchkey's hint says so); a test signing in
 * to a real Keycloak does the same, once, and only on these words, so any other refusal still
 * fails it. The refusal is printed for the test's transcript: Latchkey's IdP errors never hold a
 * token.
 */
public final class KeycloakConsentRace {

    /** Keycloak's {@code error_description} for the race. */
    public static final String WORDS = "Client no longer has requested consent from user";

    private KeycloakConsentRace() {
    }

    /** One sign-in, start to end (a new device code each time). */
    @FunctionalInterface
    public interface SignIn<T> {
        T run() throws Exception;
    }

    /** Whether {@code said} (a refusal, a command's standard error) is Keycloak's answer in the race. */
    public static boolean said(String said) {
        return said != null && said.contains(WORDS);
    }

    /** Notes the refusal in the test's output before the one more sign-in. */
    public static void signingInOnceMore(String refusal) {
        System.out.println("\n(the IdP answered before it had stored the consent:\n" + refusal.strip()
                + "\nsigning in once more, as the hint says)");
    }

    /** {@code signIn}, and once more when it was refused in the race; any other failure is thrown as it came. */
    public static <T> T signIn(SignIn<T> signIn) throws Exception {
        try {
            return signIn.run();
        } catch (Exception e) {
            if (!said(e.getMessage())) {
                throw e;
            }
            signingInOnceMore(e.getMessage());
            return signIn.run();
        }
    }
}
