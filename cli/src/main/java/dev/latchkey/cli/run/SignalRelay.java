package dev.latchkey.cli.run;

import dev.latchkey.core.launch.process.PosixSignal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Catches SIGINT and SIGTERM sent to the CLI and hands them to the launch, which passes each on
 * to the child once; the CLI then exits with the child's code instead of dying first. SIGWINCH
 * (the terminal was resized) is handed on too, so a child in a PTY learns its new size.
 *
 * <p>The JDK's only signal hook is {@code sun.misc.Signal}, reached through {@link SignalHook}.
 * Where it is missing (a runtime without jdk.unsupported) or a signal cannot be hooked, the relay
 * leaves that signal alone and the JVM's default handling (shutdown) applies.
 */
final class SignalRelay implements AutoCloseable {

    private final List<SignalHook> hooks = new ArrayList<>();

    private SignalRelay() {
    }

    static SignalRelay install(Consumer<PosixSignal> onSignal) {
        return install(onSignal, () -> { });
    }

    /**
     * Also relays SIGWINCH (the user's terminal changed size) to {@code onResize}; where the JVM
     * cannot hook it, a PTY child keeps the size it started with.
     */
    static SignalRelay install(Consumer<PosixSignal> onSignal, Runnable onResize) {
        SignalRelay relay = new SignalRelay();
        for (PosixSignal s : List.of(PosixSignal.INT, PosixSignal.TERM)) {
            relay.hook(s.name(), () -> onSignal.accept(s));
        }
        relay.hook("WINCH", onResize);
        return relay;
    }

    private void hook(String name, Runnable action) {
        try {
            hooks.add(SignalHook.install(name, action));
        } catch (LinkageError | RuntimeException e) {
            // No hook for this signal on this JVM or OS: it keeps its default meaning.
        }
    }

    @Override
    public void close() {
        for (SignalHook h : hooks) {
            try {
                h.restore();
            } catch (RuntimeException ignored) {
                // Restoring is a courtesy; the process is about to exit anyway.
            }
        }
    }
}
