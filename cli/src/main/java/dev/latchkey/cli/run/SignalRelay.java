package dev.latchkey.cli.run;

import dev.latchkey.core.launch.process.PosixSignal;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Catches SIGINT and SIGTERM sent to the CLI and hands them to the launch, which passes each on
 * to the child once; the CLI then exits with the child's code instead of dying first. SIGWINCH
 * (the terminal was resized) is handed on too, so a child in a PTY learns its new size.
 *
 * <p>The JDK's only signal hook is {@code sun.misc.Signal}; it is reached by reflection because
 * javac warns on every direct use of it, and warnings fail this build. Where it is missing the
 * relay does nothing and the JVM's default handling (shutdown) applies.
 */
final class SignalRelay implements AutoCloseable {

    private final List<Object[]> previous = new ArrayList<>();

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
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            InvocationHandler h = (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                    action.run();
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "SignalRelay[" + name + "]";
                };
            };
            Object handler = Proxy.newProxyInstance(SignalRelay.class.getClassLoader(), new Class<?>[] {handlerClass}, h);
            Object old = handle.invoke(null, signal, handler);
            previous.add(new Object[] {signal, old, handle});
        } catch (ReflectiveOperationException | RuntimeException e) {
            // No hook for this signal on this JVM or OS: it keeps its default meaning.
        }
    }

    @Override
    public void close() {
        for (Object[] p : previous) {
            try {
                ((Method) p[2]).invoke(null, p[0], p[1]);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // Restoring is a courtesy; the process is about to exit anyway.
            }
        }
    }
}
