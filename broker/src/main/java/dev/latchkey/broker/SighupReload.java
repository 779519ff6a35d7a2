package dev.latchkey.broker;

import dev.latchkey.broker.audit.AuditEvent;
import dev.latchkey.broker.audit.AuditLog;
import dev.latchkey.broker.policy.Policy;
import dev.latchkey.broker.policy.PolicyException;
import dev.latchkey.broker.policy.PolicyHolder;
import java.lang.reflect.Proxy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads the policy on SIGHUP, the way operators reload daemons. Only the server binary installs
 * it (an embedded broker leaves the host process's signals alone). A broker started with SIGHUP
 * ignored cannot hear it, and says so at start. The JDK's signal API is
 * reached reflectively: it is unsupported API, and where it is missing the admin endpoint remains.
 */
final class SighupReload {

    private static final Logger LOG = LoggerFactory.getLogger(SighupReload.class);

    private SighupReload() {
    }

    /** What the broker says at start when SIGHUP cannot reach it. */
    static final String IGNORED = "policy reload by signal is off: this broker was started with SIGHUP ignored"
            + " (as under nohup), so kill -HUP does nothing; use POST /v1/admin/policy:reload, or start it without"
            + " nohup (setsid, a service manager)";

    static void install(PolicyHolder policy, AuditLog audit) {
        if (IgnoredSignals.ignored(IgnoredSignals.SIGHUP)) {
            // A handler installed now would be accepted and never called: say so instead.
            LOG.warn(IGNORED);
            return;
        }
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Object hup = signal.getConstructor(String.class).newInstance("HUP");
            Object onHup = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler},
                    (proxy, method, args) -> {
                        if ("handle".equals(method.getName())) {
                            reload(policy, audit);
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "SighupReload";
                        };
                    });
            signal.getMethod("handle", signal, handler).invoke(null, hup, onHup);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("SIGHUP reload is not available on this JVM ({}); use POST /v1/admin/policy:reload", e.toString());
        }
    }

    static void reload(PolicyHolder policy, AuditLog audit) {
        try {
            Policy next = policy.reload();
            audit.append(new AuditEvent("operator", "SIGHUP", "policy.reload", next.source(), "ok",
                    next.scopes().size() + " scopes"));
            LOG.info("policy reloaded from {}: {} scopes", next.source(), next.scopes().size());
        } catch (PolicyException e) {
            audit.append(new AuditEvent("operator", "SIGHUP", "policy.reload", e.source(), "rejected", e.getMessage()));
            LOG.error("policy NOT reloaded, the previous one stays in force: {}", e.getMessage());
        }
    }
}
