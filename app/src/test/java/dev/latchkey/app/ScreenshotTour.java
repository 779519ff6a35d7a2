package dev.latchkey.app;

import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.app.common.TestSessions;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/**
 * Walks the app through its screens on the demo broker (welcome, sign-in, secrets, filter, settings, profile
 * editor, launcher, request form, My requests, and grace's approvals) and photographs the whole X screen at
 * each with ImageMagick's {@code import}. Run by {@code app/screenshots.sh} under Xvfb; not a test.
 *
 * <p>Arguments: theme ({@code light} or {@code dark}) and the output folder.
 */
public final class ScreenshotTour {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private ScreenshotTour() {
    }

    public static void main(String[] args) throws Exception {
        String theme = args[0];
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        // Profiles and the launch log go to a throwaway folder, not the user's own config. The session is kept in
        // the desktop's keychain, as on a person's desktop, and signed out at the end.
        TestSessions sessions = TestSessions.inKeychain();
        AppServices services = new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemDefaultZone()),
                BrokerProbe.overHttp(), sessions.sessions(),
                LocalFolders.under(Files.createTempDirectory("latchkey-screenshots")));
        LaunchOptions options = new LaunchOptions(LaunchOptions.Mode.WELCOME, Optional.empty(), Optional.of(theme));
        CompletableFuture<AppComposition> started = new CompletableFuture<>();
        Platform.startup(() -> {
            Stage stage = new Stage();
            AppComposition composed = AppComposition.start(stage, services, options, link -> {
                throw new UnsupportedOperationException("the tour opens no browser");
            });
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1280);
            stage.setHeight(800);
            started.complete(composed);
        });
        AppComposition app = started.get(30, TimeUnit.SECONDS);
        Stage stage = app.parts().window().stage();
        try {
            settle();
            shoot(out, "welcome", theme);

            fx(() -> ((ButtonBase) node(stage, "#try-demo")).fire());
            until(() -> !text(stage, "#user-code").isEmpty() && !text(stage, "#countdown").isEmpty());
            settle();
            shoot(out, "sign-in", theme);

            String status = call(() -> text(stage, "#status"));
            String broker = status.substring(status.indexOf("http://"));
            DevSignIn.approve(URI.create(broker), call(() -> text(stage, "#user-code")), "ada");
            until(() -> node(stage, "#scope-payments-dev") != null && table(stage).getItems().size() > 0);
            fx(() -> table(stage).getSelectionModel().select(0));
            settle();
            shoot(out, "secrets", theme);
            System.out.println("memory after sign-in and browse: " + memory());

            fx(() -> ((TextField) node(stage, "#filter")).setText("stripe"));
            settle();
            shoot(out, "filter", theme);

            fx(() -> ((ButtonBase) node(stage, "#nav-settings")).fire());
            until(() -> node(stage, "#settings") != null);
            settle();
            shoot(out, "settings", theme);

            // The launcher: a profile around sh -c 'echo $DB_URL', then its console with the value masked.
            fx(() -> ((ButtonBase) node(stage, "#nav-launcher")).fire());
            until(() -> node(stage, "#new-profile") != null);
            fx(() -> ((ButtonBase) node(stage, "#new-profile")).fire());
            until(() -> node(stage, "#profile-editor") != null);
            fx(() -> {
                ((TextField) node(stage, "#profile-name")).setText("payments-api");
                ((TextField) node(stage, "#profile-command")).setText("sh");
                ((TextField) node(stage, "#profile-args")).setText("-c 'echo \"connecting to $DB_URL\"; echo ready'");
                ((TextField) node(stage, "#new-variable")).setText("DB_URL");
                ((ComboBox<?>) node(stage, "#new-ref")).getEditor().setText("latchkey://payments/dev/db-url");
                ((ButtonBase) node(stage, "#add-variable")).fire();
                ((TextField) node(stage, "#new-sandbox-variable")).setText("PAYMENTS_SANDBOX_TOKEN");
                ((TextField) node(stage, "#new-sandbox")).setText("payments-sandbox");
                ((ButtonBase) node(stage, "#add-sandbox")).fire();
            });
            settle();
            shoot(out, "profile-editor", theme);
            fx(() -> ((ButtonBase) node(stage, "#save-profile")).fire());
            until(() -> node(stage, "#launch") != null && !((ButtonBase) node(stage, "#launch")).isDisabled());
            fx(() -> ((ButtonBase) node(stage, "#launch")).fire());
            until(() -> node(stage, "#console-payments-api") instanceof javafx.scene.control.TextArea t
                    && t.getText().contains("exited with code"));
            settle();
            shoot(out, "launcher", theme);

            // A request for payments/prod: the form with its live verdict, then My requests.
            fx(() -> app.sessions().signedIn().orElseThrow().access().openForm("payments/prod", r -> { }));
            until(() -> node(stage, "#request-form") != null);
            fx(() -> {
                ((TextField) node(stage, "#request-duration")).setText("30m");
                ((TextArea) node(stage, "#request-justification")).setText("PAY-124 hotfix for the refund bug");
            });
            until(() -> text(stage, "#dry-run-outcome").startsWith("Needs approval"));
            settle();
            shoot(out, "request", theme);
            fx(() -> ((ButtonBase) node(stage, "#submit-request")).fire());
            until(() -> node(stage, "#my-requests") != null && table(stage, "#my-requests").getItems().size() > 0);
            fx(() -> table(stage, "#my-requests").getSelectionModel().select(0));
            settle();
            shoot(out, "requests", theme);

            // grace, a reviewer, sees it in her approvals inbox.
            fx(() -> ((ButtonBase) node(stage, "#nav-settings")).fire());
            until(() -> node(stage, "#sign-out") != null);
            fx(() -> ((ButtonBase) node(stage, "#sign-out")).fire());
            until(() -> node(stage, "#user-code") != null && !text(stage, "#user-code").isEmpty());
            DevSignIn.approve(URI.create(broker), call(() -> text(stage, "#user-code")), "grace");
            until(() -> node(stage, "#nav-approvals") != null && node(stage, "#nav-approvals").isVisible());
            fx(() -> ((ButtonBase) node(stage, "#nav-approvals")).fire());
            until(() -> node(stage, "#to-review") != null && table(stage, "#to-review").getItems().size() > 0);
            fx(() -> ((TextField) node(stage, "#decision-reason")).setText("ok for 30 minutes"));
            settle();
            shoot(out, "approvals", theme);
        } finally {
            fx(app::close);
            sessions.close();
            Platform.exit();
        }
    }

    /** Resident set (from /proc, Linux) and heap in use after a GC, for the closing notes. */
    private static String memory() throws Exception {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("VmRSS: unknown").replaceAll("\\s+", " ");
        return rss + ", heap used " + (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024) + " MB";
    }

    @SuppressWarnings("unchecked")
    private static TableView<Object> table(Stage stage) {
        return (TableView<Object>) node(stage, "#secrets");
    }

    @SuppressWarnings("unchecked")
    private static TableView<Object> table(Stage stage, String id) {
        return (TableView<Object>) node(stage, id);
    }

    private static Node node(Stage stage, String id) {
        return stage.getScene().lookup(id);
    }

    private static String text(Stage stage, String id) {
        return node(stage, id) instanceof Label l ? l.getText() : "";
    }

    private static void shoot(Path out, String screen, String theme) throws Exception {
        Path file = out.resolve(screen + "-" + theme + ".png");
        Process p = new ProcessBuilder(List.of("import", "-window", "root", file.toString())).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
        System.out.println("wrote " + file);
    }

    /** Lets layout, CSS and a couple of pulses finish so the shot shows the settled screen. */
    private static void settle() throws Exception {
        for (int i = 0; i < 5; i++) {
            fx(() -> { });
            Thread.sleep(100);
        }
    }

    private static void until(Supplier<Boolean> condition) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!call(condition::get)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the app did not reach the next screen within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static void fx(Runnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T call(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
