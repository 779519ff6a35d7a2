package dev.latchkey.cli;

import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerUrl;
import java.net.URI;

/** Which broker a command talks to: {@code --broker}, else {@code LATCHKEY_BROKER}. */
public final class BrokerTarget {

    private BrokerTarget() {
    }

    public static URI url(String option, CliContext ctx) {
        String chosen = option != null ? option : ctx.env().get("LATCHKEY_BROKER");
        if (chosen == null || chosen.isBlank()) {
            throw new CliErrors.Failure(ExitCodes.USAGE, "no broker given",
                    "pass --broker https://your-broker or set LATCHKEY_BROKER");
        }
        return BrokerUrl.check(chosen);
    }

    public static BrokerClient client(String option, CliContext ctx) {
        return new BrokerClient(url(option, ctx), ctx.session());
    }
}
