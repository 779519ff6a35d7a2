package dev.latchkey.cli;

import java.util.Map;

/**
 * The CLI as its own process with a session token a test obtained, standing in for the keychain
 * session that sign-in will provide. The token arrives in a {@code LATCHKEY_*} variable, which
 * the launch never passes on, so tests also prove it does not reach the child.
 */
public final class SessionFromEnvMain {

    /** The variable the token arrives in. */
    public static final String TOKEN_VARIABLE = "LATCHKEY_TEST_SESSION_TOKEN";

    private SessionFromEnvMain() {
    }

    public static void main(String[] args) {
        CliContext real = CliContext.system();
        String token = System.getenv(TOKEN_VARIABLE);
        CliContext ctx = new CliContext(Map.copyOf(real.env()), real.cwd(), real.clock(), real.childIn(), real.childOut(),
                real.childErr(), real.terminal(), () -> token);
        System.exit(LatchkeyCommand.commandLine(ctx).execute(args));
    }
}
