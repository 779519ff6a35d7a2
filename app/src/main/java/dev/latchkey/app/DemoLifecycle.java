package dev.latchkey.app;

import dev.latchkey.app.common.Connection;
import dev.latchkey.app.demo.DemoBrokerRunner;
import dev.latchkey.app.shell.MainWindow;
import dev.latchkey.app.shell.StartingView;
import dev.latchkey.app.welcome.WelcomeView;
import dev.latchkey.app.welcome.WelcomeViewModel;
import java.net.URI;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;

/**
 * The first screen and the demo broker behind it: the welcome screen, or "Starting the demo
 * broker …" while the demo's own process comes up beside the window, or a broker named on the
 * command line being connected to. The demo's process ends with the app.
 */
final class DemoLifecycle implements AutoCloseable {

    private final LaunchOptions options;
    private final MainWindow window;
    private final DemoBrokerRunner demo;
    private final WelcomeViewModel welcome;

    /**
     * @param listening told where the demo broker listens as soon as it does, before it is checked
     * @param connected told of the broker once the demo is up or a broker answers
     */
    DemoLifecycle(AppServices services, LaunchOptions options, MainWindow window, Consumer<URI> listening,
                  Consumer<Connection> connected) {
        this.options = options;
        this.window = window;
        this.demo = new DemoBrokerRunner(services.demoBroker(), DemoBrokerRunner.logIn(services.folders().state()));
        this.welcome = new WelcomeViewModel(services.tasks(), services.scheduler(), services.probe(), () -> {
            URI url = demo.start();
            listening.accept(url);
            return url;
        }, connected);
    }

    /** Shows the first screen the launch options ask for; call before the stage shows. */
    void showFirstScreen() {
        WelcomeView welcomeView = new WelcomeView(welcome);
        switch (options.mode()) {
            case DEMO -> {
                window.show(new StartingView("Starting the demo broker …"));
                // If the demo cannot start, the welcome screen says why and offers both ways on.
                welcome.demoErrorProperty().addListener((obs, old, error) -> {
                    if (!error.isEmpty()) {
                        window.show(welcomeView);
                    }
                });
            }
            case WELCOME -> window.show(welcomeView);
            case BROKER -> {
                window.show(welcomeView);
                welcome.urlProperty().set(options.broker().orElseThrow().toString());
                welcome.connect();
            }
        }
    }

    /**
     * Starts the demo broker when asked for; call once the stage shows.
     *
     * @param then run once the demo broker is up and answered (or did not start), or at once without a demo
     */
    void startDemoIfAsked(Runnable then) {
        if (options.mode() != LaunchOptions.Mode.DEMO) {
            then.run();
            return;
        }
        welcome.busyProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Boolean> busy, Boolean was, Boolean now) {
                if (!now) {
                    busy.removeListener(this);
                    then.run();
                }
            }
        });
        // Beside the window, never before it: the broker's own JVM starts while the first frame paints.
        welcome.tryDemo();
    }

    @Override
    public void close() {
        demo.close();
    }
}
