package dev.latchkey.cli;

/**
 * The CLI as its own process with an access token a test obtained, standing in for a keychain
 * session. The token arrives in a {@code LATCHKEY_*} variable, which a launch never passes on,
 * so the tests also prove it does not reach the child.
 */
public final class SessionFromEnvMain {

    /** The variable the token arrives in. */
    public static final String TOKEN_VARIABLE = "LATCHKEY_TEST_SESSION_TOKEN";

    private SessionFromEnvMain() {
    }

    public static void main(String[] args) {
        LatchkeyCommand.reportUncaughtFailures(args);
        String token = System.getenv(TOKEN_VARIABLE);
        System.exit(LatchkeyCommand.commandLine(LatchkeyCommand.systemContext().withTokens(url -> () -> token)).execute(args));
    }
}
