package dev.latchkey.cli.run;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * One signal caught for {@link SignalRelay} through the JDK's only signal hook, {@code sun.misc.Signal}
 * (module jdk.unsupported).
 *
 * <p>A plain class, so the CLI's AOT cache holds it: the relay used to reach the hook by reflection
 * with a handler generated at run time (a dynamic proxy, which no cache can hold), about 25 ms of
 * every launch. It is compiled apart from the CLI's other sources (cli/pom.xml): javac warns on every
 * use of {@code sun.misc} with a warning no option or annotation turns off, and the rest of the CLI
 * builds with warnings as errors. Nothing else belongs in this source folder.
 */
final class SignalHook implements SignalHandler {

    private final Signal signal;
    private final Runnable action;
    private SignalHandler previous;

    private SignalHook(Signal signal, Runnable action) {
        this.signal = signal;
        this.action = action;
    }

    /**
     * Runs {@code action} on the JVM's signal thread each time signal {@code name} arrives.
     *
     * @param name the signal without its {@code SIG}, such as {@code INT}
     * @throws IllegalArgumentException where this JVM or OS cannot hook it (unknown, or kept by the JVM)
     */
    static SignalHook install(String name, Runnable action) {
        SignalHook hook = new SignalHook(new Signal(name), action);
        hook.previous = Signal.handle(hook.signal, hook);
        return hook;
    }

    @Override
    public void handle(Signal caught) {
        action.run();
    }

    /** Puts back the handler the signal had before {@link #install}. */
    void restore() {
        Signal.handle(signal, previous);
    }
}
