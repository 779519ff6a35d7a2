package dev.latchkey.core.launch.profile;

import dev.latchkey.core.brokerapi.InvalidSecretRefException;
import dev.latchkey.core.diagnostics.FailureText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A {@code .env}-style file whose values are references or plain values; safe to commit.
 *
 * <pre>
 * # comment
 * DATABASE_URL=latchkey://payments/dev/db-url
 * export LOG_LEVEL=debug
 * GREETING="hello world"
 * </pre>
 *
 * Supported: blank lines, {@code #} comments, an optional {@code export}, unquoted values
 * (a {@code " #"} starts a comment), and single or double quoted values on one line.
 */
record EnvTemplate(Path file, Map<String, EnvValue> variables) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public EnvTemplate {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    /** Reads and parses a template. */
    public static EnvTemplate read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchFileException(file, 0, "cannot read the env file (" + FailureText.describe(e) + ")");
        }
        return parse(file, lines);
    }

    /** Parses lines that came from {@code file} (named in errors). */
    public static EnvTemplate parse(Path file, List<String> lines) {
        Map<String, EnvValue> vars = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).stripLeading();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new LaunchFileException(file, lineNo, "expected NAME=value, found no '='");
            }
            String name = line.substring(0, eq).strip();
            if (!NAME.matcher(name).matches()) {
                throw new LaunchFileException(file, lineNo, "'" + name
                        + "' is not a variable name (letters, digits and '_', not starting with a digit)");
            }
            if (seen.contains(name)) {
                throw new LaunchFileException(file, lineNo, name + " is set twice in this file");
            }
            seen.add(name);
            String value = unquote(file, lineNo, line.substring(eq + 1).strip());
            try {
                vars.put(name, EnvValue.of(value));
            } catch (InvalidSecretRefException e) {
                throw new LaunchFileException(file, lineNo, name + ": " + e.getMessage());
            }
        }
        return new EnvTemplate(file, vars);
    }

    private static String unquote(Path file, int lineNo, String raw) {
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            char quote = raw.charAt(0);
            int end = raw.indexOf(quote, 1);
            if (end < 0) {
                throw new LaunchFileException(file, lineNo, "the value opens with " + quote + " but never closes it");
            }
            String rest = raw.substring(end + 1).strip();
            if (!rest.isEmpty() && !rest.startsWith("#")) {
                throw new LaunchFileException(file, lineNo, "unexpected text after the closing " + quote);
            }
            String inner = raw.substring(1, end);
            return quote == '"' ? inner.replace("\\n", "\n") : inner;
        }
        int comment = raw.indexOf(" #");
        return (comment < 0 ? raw : raw.substring(0, comment)).strip();
    }
}
