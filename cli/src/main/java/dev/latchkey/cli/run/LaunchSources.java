package dev.latchkey.cli.run;

import dev.latchkey.cli.common.BrokerTarget;
import dev.latchkey.cli.common.CliContext;
import dev.latchkey.cli.common.OpenSessions;
import dev.latchkey.core.Session;
import dev.latchkey.core.agent.AgentSecretSource;
import dev.latchkey.core.approval.ApprovalGate;
import dev.latchkey.core.approval.ConfirmScopes;
import dev.latchkey.core.approval.LocalConfirmScopes;
import dev.latchkey.core.approval.Requester;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.SecretRef;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.launch.BrokerSecretSource;
import dev.latchkey.core.launch.OfflineStart;
import dev.latchkey.core.launch.Resolution;
import dev.latchkey.core.launch.SecretSource;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.SandboxRequest;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Where {@code latchkey run} gets a launch's values: the agent, the broker alone, or nothing. */
final class LaunchSources {

    private LaunchSources() {
    }

    /**
     * The agent when one answers for the broker, else the broker alone; every value handed out is
     * recorded by the leak guard (by the agent for what it serves).
     */
    static SecretSource of(LaunchProfile p, String brokerOption, CliContext ctx, Consumer<String> notices,
                           LaunchGuard guard) {
        if (!asksTheBroker(p)) {
            return SecretSource.NONE;
        }
        URI url = BrokerTarget.url(brokerOption, ctx);
        // The agent records what it serves in the leak guard itself; only values fetched alone are recorded
        // here, so the guard is made only when the launch works alone.
        SecretSource recordedAlone = new SecretSource() {
            private SecretSource built;

            @Override
            public synchronized Resolution resolve(Set<SecretRef> refs, Map<String, SandboxRequest> wanted)
                    throws BrokerException {
                if (built == null) {
                    // The guard's key and file are read while the values are fetched; the key through the
                    // keychain connection the session opens for the token (both are there before the values).
                    SecretSource fetching = alone(p, brokerOption, ctx, notices);
                    built = guard.get().recordingOneLaunch(fetching, url, notices, sharedKeychain(ctx, url));
                }
                return built.resolve(refs, wanted);
            }
        };
        return ctx.agent().apply(url)
                .<SecretSource>map(agent -> new AgentSecretSource(agent, url, recordedAlone, notices, new TerminalApprover(),
                        ctx.clock()))
                .orElse(recordedAlone);
    }

    /**
     * The keychain of the session this launch opened for its token ({@link Session#sharedKeychain()}),
     * if it opened one: never a session opened only to lend its keychain, which would cost more than
     * the guard's own read (a launch through the agent, or a world whose tokens come from elsewhere).
     */
    private static Optional<CredentialStore> sharedKeychain(CliContext ctx, URI url) {
        return ctx.sessions() instanceof OpenSessions open ? open.ifOpen(url).flatMap(Session::sharedKeychain)
                : Optional.empty();
    }

    /**
     * Whether a launch of {@code p} asks a broker for anything (a reference or a sandbox token);
     * without that it needs neither the broker nor the leak guard, whose classes a plain launch
     * then never loads.
     */
    static boolean asksTheBroker(LaunchProfile p) {
        return !LaunchProfile.refsOf(p.variables()).isEmpty() || !p.sandboxes().isEmpty();
    }

    /**
     * The broker without the agent, with sandbox tokens kept in the keychain for offline launches
     * when someone is signed in (core keeps them: {@link dev.latchkey.core.Session#keepingSandboxTokens}).
     */
    private static SecretSource alone(LaunchProfile p, String brokerOption, CliContext ctx, Consumer<String> notices) {
        BrokerClient client = BrokerTarget.client(brokerOption, ctx);
        // Scopes that ask for confirmation are asked about in the terminal before the broker is asked for them.
        Path config = BrokerTarget.configFolder(ctx);
        SecretSource broker = new ApprovalGate(new BrokerSecretSource(client),
                new ConfirmScopes(client, () -> LocalConfirmScopes.read(config), ctx.clock()), new TerminalApprover(),
                Requester.self(), ctx.clock());
        if (p.sandboxes().isEmpty()) {
            return broker;
        }
        SecretSource keeping = ctx.sessions().apply(client.base()).keepingSandboxTokens(broker, notices);
        return (refs, wanted) -> {
            Resolution answer = keeping.resolve(refs, wanted);
            if (answer instanceof Resolution.Granted g && g.offline().isPresent()) {
                OfflineStart o = g.offline().get();
                notices.accept("latchkey: the broker is unreachable (" + o.brokerProblem()
                        + "); OFFLINE: using sandbox tokens kept in the keychain: " + o.inWords());
            }
            return answer;
        };
    }
}
