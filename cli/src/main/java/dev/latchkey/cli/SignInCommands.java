package dev.latchkey.cli;

import dev.latchkey.cli.common.BrokerTarget;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.ExitCodes;
import dev.latchkey.cli.common.Inherited;
import dev.latchkey.core.Session;
import dev.latchkey.core.SignInListener;
import dev.latchkey.core.agent.AgentCallException;
import dev.latchkey.core.agent.AgentService;
import dev.latchkey.core.auth.DeviceCodePrompt;
import dev.latchkey.core.auth.User;
import dev.latchkey.core.brokerapi.BrokerException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code latchkey login}, {@code logout} and {@code switch}, over core's session. */
final class SignInCommands {

    private SignInCommands() {
    }

    @Command(name = "login", description = "Sign in to a broker (OIDC device code): open the link, confirm the code.")
    static final class Login implements Callable<Integer> {

        @Mixin
        Inherited cli;

        @Option(names = "--no-browser", description = "Only print the link and code; do not open a browser.")
        boolean noBrowser;

        @Override
        public Integer call() throws Exception {
            URI url = cli.brokerUrl();
            Session session = cli.context().sessions().apply(url);
            PrintWriter err = cli.err();
            User user = session.signIn(new SignInListener() {
                @Override
                public void showCode(DeviceCodePrompt prompt) {
                    err.println("To sign in, open " + prompt.verificationUri() + " and enter the code " + prompt.userCode());
                    prompt.verificationUriComplete().ifPresent(u -> err.println("(or open " + u + ")"));
                    err.println("Waiting for you to confirm in the browser...");
                    err.flush();
                    if (!noBrowser) {
                        openBrowser(prompt.linkToOpen());
                    }
                }
            });
            BrokerTarget.remember(url, cli.context());
            tellAgent(cli.context(), url, err);
            PrintWriter out = cli.out();
            out.println("Signed in to " + url + " as " + user.name() + " <" + user.email() + ">.");
            out.println(session.storageMode().describe());
            List<User> others = session.accounts().stream().filter(u -> !u.subject().equals(user.subject())).toList();
            if (!others.isEmpty()) {
                out.println("Also signed in here as " + names(others) + "; switch with: latchkey switch ACCOUNT");
            }
            out.flush();
            return ExitCodes.OK;
        }

        // Best effort: a machine without a browser still has the printed link.
        private static void openBrowser(URI link) {
            String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
            String[] cmd = os.contains("mac") ? new String[] {"open", link.toString()}
                    : os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", link.toString()}
                    : new String[] {"xdg-open", link.toString()};
            try {
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException noBrowser) {
                // The link is printed above.
            }
        }
    }

    @Command(name = "switch", description = {"Use another account you signed in to this broker with, without signing in again.",
            "Without ACCOUNT, list them."},
            footer = {"", "Sign in with one more account with: latchkey login (the accounts you have stay signed in)."})
    static final class Switch implements Callable<Integer> {

        @Mixin
        Inherited cli;

        @Parameters(arity = "0..1", paramLabel = "ACCOUNT", description = "The account's e-mail address, name or IdP subject.")
        String account;

        @Override
        public Integer call() throws Exception {
            URI url = cli.brokerUrl();
            Session session = cli.context().sessions().apply(url);
            PrintWriter out = cli.out();
            if (account != null) {
                User now = session.useAccount(account);
                tellAgent(cli.context(), url, cli.err());
                out.println("Now using " + now.name() + " <" + now.email() + "> at " + url + ".");
                out.flush();
                return ExitCodes.OK;
            }
            Optional<User> current = session.currentUser();
            List<User> all = session.accounts();
            if (all.isEmpty()) {
                out.println("No account is signed in to " + url + " here (latchkey login).");
            }
            for (User u : all) {
                boolean inUse = current.map(c -> c.subject().equals(u.subject())).orElse(false);
                out.println((inUse ? "* " : "  ") + u.name() + " <" + u.email() + ">" + (inUse ? "  (in use)" : ""));
            }
            out.flush();
            return all.isEmpty() ? ExitCodes.NOT_SIGNED_IN : ExitCodes.OK;
        }
    }

    /**
     * Tells a running agent that the session of {@code url} changed in the keychain, so it stops
     * serving the one it holds now rather than at its next look at the keychain.
     */
    static void tellAgent(CliContext ctx, URI url, PrintWriter err) {
        ctx.agent().apply(url).ifPresent(agent -> {
            try {
                agent.forget(url);
            } catch (AgentCallException | BrokerException e) {
                err.println("latchkey: " + e.getMessage() + "; the agent (pid " + agent.client().pid()
                        + ") drops the old session by itself within " + AgentService.SESSION_RECHECK.toSeconds() + " s");
                err.flush();
            }
        });
    }

    static String names(List<User> users) {
        return String.join(", ", users.stream().map(u -> u.name() + " <" + u.email() + ">").toList());
    }

    @Command(name = "logout", description = {"Sign out: revoke the session and remove it from the keychain.",
            "Only the account in use signs out; others you signed in with stay (latchkey switch)."})
    static final class Logout implements Callable<Integer> {

        @Mixin
        Inherited cli;

        @Override
        public Integer call() throws Exception {
            URI url = cli.brokerUrl();
            Session session = cli.context().sessions().apply(url);
            boolean wasSignedIn = session.currentUser().isPresent();
            boolean revoked;
            try {
                revoked = session.signOut();
            } finally {
                // Even when the IdP could not be told, the keychain no longer holds the session: neither may the agent.
                tellAgent(cli.context(), url, cli.err());
            }
            PrintWriter out = cli.out();
            out.println(!wasSignedIn ? "You were not signed in to " + url + "."
                    : "Signed out of " + url + (revoked ? "; the session was revoked." : "; the session was removed from this machine."));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
