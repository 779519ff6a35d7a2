package dev.latchkey.cli.run;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code latchkey run}'s words without picocli, whose model of the root and {@code run}
 * costs a launch more than the JVM's own start (docs/performance.md): the daily path starts the
 * child sooner.
 *
 * <p>It reads only words whose meaning is certain, in the grammar {@link RunCommand} declares:
 * the root's {@code --debug} and {@code --broker URL} before {@code run}, then run's own options
 * (each at most once, except the repeatable ones), plain words and everything after {@code --} as
 * the command. Anything else (help, version, an unknown option, a missing or dash-led value, a
 * repeated option, a command's name as a value, an {@code @file}) is left to picocli, which then answers, helps and refuses
 * exactly as before. {@code RunArgsTest} holds both readers to the same answers over a corpus.
 */
public final class RunArgs {

    private static final String BROKER = "--broker";
    private static final String DEBUG = "--debug";
    private static final Set<String> VALUED = Set.of(BROKER, "--profile", "--project", "--env-file", "--env", "--sandbox",
            "--on-expiry");
    private static final Set<String> REPEATABLE = Set.of("--env-file", "--env", "--sandbox");
    private static final Set<String> FLAGS = Set.of(DEBUG, "--no-mask", "--pristine", "--refresh-endpoint");

    private final Collection<String> commands;
    private final Map<String, List<String>> values = new HashMap<>();
    private final List<String> command = new ArrayList<>();

    private RunArgs(Collection<String> commands) {
        this.commands = commands;
    }

    /**
     * {@code args} as {@code latchkey run} reads them; empty when picocli must read them.
     *
     * @param commands the names of latchkey's commands (picocli takes none as an option's value)
     */
    public static Optional<RunOptions> parse(String[] args, Collection<String> commands) {
        for (String a : args) {
            if (a.startsWith("@")) {
                return Optional.empty(); // picocli's argument files
            }
        }
        RunArgs read = new RunArgs(commands);
        int i = 0;
        // Before "run": only the root's own options.
        for (; i < args.length && !args[i].equals("run"); i++) {
            int used = read.option(args, i, Set.of(BROKER, DEBUG));
            if (used < 0) {
                return Optional.empty();
            }
            i += used;
        }
        if (i == args.length) {
            return Optional.empty();
        }
        for (i++; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                read.command.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (!a.startsWith("-")) {
                read.command.add(a);
                continue;
            }
            int used = read.option(args, i, null);
            if (used < 0) {
                return Optional.empty();
            }
            i += used;
        }
        try {
            return Optional.of(read.options());
        } catch (InvalidPathException e) {
            return Optional.empty(); // picocli names the option and the bad path
        }
    }

    /**
     * Records the option at {@code args[i]}: how many more words it took (0 or 1), or -1 when it is
     * not one this reader is sure of. {@code allowed} narrows the names (null: all of run's).
     */
    private int option(String[] args, int i, Set<String> allowed) {
        String a = args[i];
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        if (allowed != null && !allowed.contains(name) || values.containsKey(name) && !REPEATABLE.contains(name)) {
            return -1;
        }
        if (FLAGS.contains(name) && eq < 0) {
            values.put(name, List.of());
            return 0;
        }
        if (!VALUED.contains(name)) {
            return -1;
        }
        String value;
        if (eq >= 0) {
            value = a.substring(eq + 1);
        } else if (i + 1 < args.length) {
            value = args[i + 1];
        } else {
            return -1;
        }
        if (value.isEmpty() || value.startsWith("-") || commands.contains(value)) {
            return -1;
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return eq < 0 ? 1 : 0;
    }

    private RunOptions options() {
        String project = one("--project");
        return new RunOptions(one(BROKER), values.containsKey(DEBUG), one("--profile"),
                project == null ? null : Path.of(project), all("--env-file").stream().map(Path::of).toList(), all("--env"),
                all("--sandbox"), values.containsKey("--no-mask"), values.containsKey("--pristine"), one("--on-expiry"),
                values.containsKey("--refresh-endpoint"), command);
    }

    private String one(String name) {
        List<String> v = values.get(name);
        return v == null ? null : v.getFirst();
    }

    private List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }
}
