package dev.latchkey.cli.agent;

import java.util.Locale;

/**
 * Names the JDK's own selector provider (the documented {@code java.nio.channels.spi.SelectorProvider}
 * property) before this process opens its first channel, the agent's socket. Unnamed, the JDK first
 * asks every jar on the class path for another provider (a {@code ServiceLoader} lookup that opens
 * each jar and reads its whole index): about 20 ms on the CLI's class path, before a launch's first
 * byte to the agent. The class named is the one the JDK would choose itself on Linux; elsewhere, when
 * this JDK has no such class, or when something else named a provider, nothing changes.
 */
final class JdkChannelProvider {

    static final String PROPERTY = "java.nio.channels.spi.SelectorProvider";
    /** What {@code sun.nio.ch.DefaultSelectorProvider} gives on Linux. */
    static final String LINUX = "sun.nio.ch.EPollSelectorProvider";

    private JdkChannelProvider() {
    }

    static void name() {
        if (System.getProperty(PROPERTY) != null
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        try {
            // Loaded, not made: the JDK makes it (its own module may) once the first channel asks.
            Class.forName(LINUX, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return;
        }
        System.setProperty(PROPERTY, LINUX);
    }
}
