package dev.latchkey.cli.common;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.core.brokerapi.BrokerUrl;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.config.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Which broker a command talks to: {@code --broker}, else {@code LATCHKEY_BROKER}, else the
 * broker the last {@code latchkey login} signed in to (a URL in the config folder; no secret).
 */
public final class BrokerTarget {

    private static final String FILE = "cli.properties";

    private BrokerTarget() {
    }

    public static URI url(String option, CliContext ctx) {
        String chosen = option != null ? option : ctx.env().get("LATCHKEY_BROKER");
        if (chosen == null || chosen.isBlank()) {
            chosen = remembered(ctx);
        }
        if (chosen == null || chosen.isBlank()) {
            throw new CliErrors.Failure(ExitCodes.USAGE, "no broker given",
                    "pass --broker https://your-broker, set LATCHKEY_BROKER, or run: latchkey login --broker URL");
        }
        return BrokerUrl.check(chosen);
    }

    public static BrokerClient client(String option, CliContext ctx) {
        URI url = url(option, ctx);
        return Latchkey.brokerClient(url, ctx.tokens().apply(url));
    }

    /** Remembers {@code url} for later commands; called by login. */
    public static void remember(URI url, CliContext ctx) {
        Path file = configFile(ctx);
        Properties p = new Properties();
        p.setProperty("broker", url.toString());
        try {
            try (OutputStream out = PrivateFiles.newOutputStream(file)) {
                p.store(out, "latchkey CLI settings: names and URLs only, never a secret");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String remembered(CliContext ctx) {
        Path file = configFile(ctx);
        if (!Files.exists(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            return null;
        }
        return p.getProperty("broker");
    }

    private static Path configFile(CliContext ctx) {
        return configFolder(ctx).resolve(FILE);
    }

    /** Latchkey's config folder for the command's environment. */
    public static Path configFolder(CliContext ctx) {
        String home = ctx.env().getOrDefault("HOME", System.getProperty("user.home"));
        return LatchkeyDirectories.from(ctx.env(), System.getProperty("os.name", ""), Path.of(home)).config();
    }
}
