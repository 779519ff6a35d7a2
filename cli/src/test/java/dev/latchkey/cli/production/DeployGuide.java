package dev.latchkey.cli.production;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * docs/deploy.md as a test reads it: the broker command its Keycloak section gives, so the test
 * runs what an operator is told to run (with its own URLs and files in place of the examples).
 */
final class DeployGuide {

    /** The marker in front of the Keycloak section's broker command. */
    static final String MARKER = "<!-- keycloak-broker-command -->";
    /** The example values the command uses, which the test replaces. */
    static final String EXAMPLE_IDP = "https://sso.example.com";
    static final String EXAMPLE_POLICY = "/etc/latchkey/policy.yaml";
    static final String EXAMPLE_KEY = "/etc/latchkey/master.key";
    static final String EXAMPLE_DB = "/var/lib/latchkey/broker";

    private DeployGuide() {
    }

    static Path file() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path doc = dir.resolve("docs").resolve("deploy.md");
            if (Files.isRegularFile(doc)) {
                return doc;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("docs/deploy.md not found above " + Path.of("").toAbsolutePath());
    }

    /** The documented command's arguments after {@code latchkey-broker.jar}, the examples replaced. */
    static List<String> keycloakBrokerArgs(URI keycloak, Path policy, Path key, Path db) throws IOException {
        String doc = Files.readString(file());
        int at = doc.indexOf(MARKER);
        if (at < 0) {
            throw new AssertionError("docs/deploy.md has no " + MARKER);
        }
        int open = doc.indexOf("```", at);
        int start = doc.indexOf('\n', open) + 1;
        int end = doc.indexOf("```", start);
        String command = doc.substring(start, end).replace("\\\n", " ").strip();
        Map<String, String> examples = Map.of(EXAMPLE_IDP, keycloak.toString(), EXAMPLE_POLICY, policy.toString(),
                EXAMPLE_KEY, key.toString(), EXAMPLE_DB, db.toString());
        for (Map.Entry<String, String> e : examples.entrySet()) {
            if (!command.contains(e.getKey())) {
                throw new AssertionError("the documented broker command no longer uses " + e.getKey() + ":\n" + command);
            }
            command = command.replace(e.getKey(), e.getValue());
        }
        List<String> words = Arrays.asList(command.split("\\s+"));
        int jar = words.indexOf("latchkey-broker.jar");
        if (jar < 0) {
            throw new AssertionError("the documented broker command does not run latchkey-broker.jar:\n" + command);
        }
        return new ArrayList<>(words.subList(jar + 1, words.size()));
    }
}
