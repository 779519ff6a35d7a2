package dev.latchkey.app;

import dev.latchkey.core.brokerapi.BrokerUrl;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What the command line asked for. No arguments, or {@code --demo}, opens the app on its
 * demo broker (the README's first command); {@code --welcome} shows the first-run
 * choice; {@code --broker URL} connects to an organisation's broker.
 *
 * @param mode how the app starts
 * @param broker the broker URL, for {@link Mode#BROKER}
 * @param theme {@code light}, {@code dark}, or empty to follow the OS
 */
public record LaunchOptions(Mode mode, Optional<URI> broker, Optional<String> theme) {

    /** How the app starts. */
    public enum Mode { DEMO, WELCOME, BROKER }

    static final String USAGE = "usage: latchkey-app [--demo | --welcome | --broker URL] [--theme light|dark] [--debug]";

    /** The default: the demo. */
    public static LaunchOptions demo() {
        return new LaunchOptions(Mode.DEMO, Optional.empty(), Optional.empty());
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException saying what is wrong, for the launcher to print with {@link #USAGE}
     */
    public static LaunchOptions parse(List<String> args) {
        Mode mode = Mode.DEMO;
        Optional<URI> broker = Optional.empty();
        Optional<String> theme = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--demo" -> mode = Mode.DEMO;
                case "--welcome" -> mode = Mode.WELCOME;
                case "--debug" -> {
                    // Read by Main: stack traces of failures no code caught, besides their one line.
                }
                case "--broker" -> {
                    mode = Mode.BROKER;
                    broker = Optional.of(BrokerUrl.check(value(args, ++i, a)));
                }
                case "--theme" -> {
                    String t = value(args, ++i, a);
                    if (!t.equals("light") && !t.equals("dark")) {
                        throw new IllegalArgumentException("--theme takes light or dark, not '" + t + "'");
                    }
                    theme = Optional.of(t);
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return new LaunchOptions(mode, broker, theme);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
