package dev.latchkey.broker;

import dev.latchkey.broker.devidp.DevClock;
import dev.latchkey.grammar.DurationSyntaxException;
import dev.latchkey.grammar.Durations;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What tunes a development-mode broker ({@code --dev}): its IdP's timings, its clock, its seed. */
final class DevOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--dev-token-ttl", paramLabel = "D", description = "Lifetime of the dev IdP's access tokens, e.g. 60s (--dev).")
    String tokenTtl;

    @Option(names = "--dev-poll-interval", paramLabel = "D",
            description = "How often device sign-ins may poll the dev IdP (--dev; default: 5s).")
    String pollInterval;

    @Option(names = "--dev-clock", paramLabel = "INSTANT", description = "The broker's clock stands at this ISO-8601 "
            + "instant and moves only when POST /dev-idp/clock (now=INSTANT) says so: for tests and screenshots of "
            + "grants ending (--dev).")
    Instant clock;

    @Option(names = "--dev-bulk-secrets", paramLabel = "N", description = "Seed N extra secrets in scope perf/bulk (--dev).")
    Integer bulkSecrets;

    /** {@code config}, a dev broker's, with these options applied. */
    BrokerConfig applyTo(BrokerConfig config) {
        BrokerConfig out = config;
        if (tokenTtl != null) {
            out = out.withDevTokenTtl(duration(tokenTtl, "--dev-token-ttl"));
        }
        if (pollInterval != null) {
            out = out.withDevPollInterval(duration(pollInterval, "--dev-poll-interval"));
        }
        if (clock != null) {
            out = out.withClock(new DevClock(clock));
        }
        if (bulkSecrets != null) {
            if (bulkSecrets < 0) {
                throw new ParameterException(mixee.commandLine(), "--dev-bulk-secrets needs a number of 0 or more");
            }
            out = out.withBulkSecrets(bulkSecrets);
        }
        return out;
    }

    private Duration duration(String text, String option) {
        try {
            return Durations.parse(text);
        } catch (DurationSyntaxException e) {
            throw new ParameterException(mixee.commandLine(), option + ": " + e.getMessage());
        }
    }
}
