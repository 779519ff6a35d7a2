package dev.latchkey.app.welcome;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.Connection;
import dev.latchkey.app.common.Failures;
import dev.latchkey.app.common.Scheduler;
import dev.latchkey.app.common.TaskRunner;
import dev.latchkey.core.brokerapi.BrokerUrl;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * First run: connect to an organisation's broker (the URL checked live as it is typed) or try
 * the demo. Either way ends in {@code onConnected}.
 */
public final class WelcomeViewModel {

    /** How long typing must pause before the URL is checked over the network. */
    public static final Duration CHECK_DELAY = Duration.ofMillis(400);

    private final TaskRunner tasks;
    private final Scheduler scheduler;
    private final BrokerProbe probe;
    private final DemoStarter demo;
    private final Consumer<Connection> onConnected;

    private final StringProperty url = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<UrlCheck> check = new ReadOnlyObjectWrapper<>(new UrlCheck.Empty());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper demoError = new ReadOnlyStringWrapper("");
    private Scheduler.Cancellable pending = () -> { };
    private long generation;

    public WelcomeViewModel(TaskRunner tasks, Scheduler scheduler, BrokerProbe probe, DemoStarter demo,
                            Consumer<Connection> onConnected) {
        this.tasks = tasks;
        this.scheduler = scheduler;
        this.probe = probe;
        this.demo = demo;
        this.onConnected = onConnected;
        url.addListener((obs, old, text) -> urlEdited(text));
    }

    /** The broker URL being typed. */
    public StringProperty urlProperty() {
        return url;
    }

    public ReadOnlyObjectProperty<UrlCheck> checkProperty() {
        return check.getReadOnlyProperty();
    }

    /** True while the demo starts or a connection is being made. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Why the demo did not start, empty when it did or has not been tried. */
    public ReadOnlyStringProperty demoErrorProperty() {
        return demoError.getReadOnlyProperty();
    }

    /** Connects to the typed broker: checks it now, without waiting for the typing pause. */
    public void connect() {
        pending.cancel();
        URI target = parse(url.get());
        if (target == null || busy.get()) {
            return;
        }
        busy.set(true);
        probeNow(target, true);
    }

    /** Starts the demo broker in the background, then connects to it. */
    public void tryDemo() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        demoError.set("");
        tasks.run(() -> {
            URI started = demo.start();
            return new Connection(started, probe.probe(started), true);
        }, connection -> {
            busy.set(false);
            onConnected.accept(connection);
        }, failure -> {
            busy.set(false);
            demoError.set("The demo broker did not start: " + Failures.describe(failure)
                    + " Retry, or connect to your organisation's broker instead.");
        });
    }

    private void urlEdited(String text) {
        pending.cancel();
        generation++;
        URI target = parse(text);
        if (target != null) {
            long mine = generation;
            pending = scheduler.after(CHECK_DELAY, () -> {
                if (mine == generation) {
                    probeNow(target, false);
                }
            });
        }
    }

    /** Sets the check from the text alone; null when there is nothing to ask a broker about. */
    private URI parse(String text) {
        if (text == null || text.isBlank()) {
            check.set(new UrlCheck.Empty());
            return null;
        }
        try {
            return BrokerUrl.check(text);
        } catch (IllegalArgumentException e) {
            check.set(new UrlCheck.Malformed(Failures.describe(e)));
            return null;
        }
    }

    private void probeNow(URI target, boolean thenConnect) {
        long mine = ++generation;
        check.set(new UrlCheck.Checking(target));
        tasks.run(() -> probe.probe(target), info -> {
            if (thenConnect) {
                busy.set(false);
            }
            if (mine != generation) {
                return; // the text changed while we asked; a newer check is on its way
            }
            check.set(new UrlCheck.Reachable(target, info));
            if (thenConnect) {
                onConnected.accept(new Connection(target, info, false));
            }
        }, failure -> {
            if (thenConnect) {
                busy.set(false);
            }
            if (mine == generation) {
                check.set(new UrlCheck.Unreachable(target, Failures.describe(failure)
                        + " Check the URL with your administrator, and that this machine can reach it."));
            }
        });
    }
}
