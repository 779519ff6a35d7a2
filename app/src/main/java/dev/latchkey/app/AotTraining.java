package dev.latchkey.app;

import dev.latchkey.app.browser.SecretRow;
import dev.latchkey.app.browser.SecretsBrowserViewModel;
import dev.latchkey.app.common.BrokerProbe;
import dev.latchkey.app.common.FxScheduler;
import dev.latchkey.app.common.FxTaskRunner;
import dev.latchkey.app.common.LocalFolders;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.Session;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The workload the build records the app's AOT cache from (JDK 25, JEPs 483/514/515): the demo as
 * a person first meets it, in one JVM started with {@code -XX:AOTCacheOutput}. The window, the demo
 * broker starting beside it, the sign-in screen, ada confirming the code on the dev IdP's form, the
 * secrets browser, one value revealed. {@code ./latchkey-app} then starts from the classes that
 * loaded, already parsed and linked. {@link HeadlessAotTraining} runs it on an X server of its own.
 *
 * <p>No keychain and no network: the session lives in memory, the folders are under {@code WORK},
 * the broker is the demo broker on loopback, whose values are made up and whose tokens live only in
 * these processes (the app's tests look for both in the cache).
 *
 * <pre>java -XX:AOTCacheOutput=latchkey-app.aot -Dlatchkey.demo.broker=BROKER_JAR -cp latchkey-app.jar dev.latchkey.app.AotTraining WORK</pre>
 *
 * <p>Exits 0 even when a step fails (the cache then holds what ran so far: correct, only less
 * complete), saying on stderr which step and why.
 */
public final class AotTraining {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

    private AotTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: AotTraining WORK");
            System.exit(2);
        }
        try {
            train(Files.createDirectories(Path.of(args[0])));
        } catch (Exception e) {
            System.err.println("latchkey-app AOT training: stopped early ("
                    + (e.getMessage() != null ? e.getMessage() : FailureText.describe(e)) + "); the cache holds what ran before");
        }
        System.exit(0);
    }

    private static void train(Path work) throws Exception {
        Path locks = Files.createDirectories(work.resolve("runtime"));
        AppServices services = new AppServices(new FxTaskRunner(), new FxScheduler(Clock.systemDefaultZone()),
                BrokerProbe.overHttp(), url -> Session.builder(url)
                        .credentialStore(new InMemoryCredentialStore("the AOT training keeps its session in memory"))
                        .lockDirectory(locks).build(),
                LocalFolders.under(work));
        CompletableFuture<AppComposition> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(AppComposition.start(new Stage(), services, LaunchOptions.demo(), link -> {
            throw new UnsupportedOperationException("the training opens no browser");
        })));
        AppComposition app = started.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Stage stage = app.parts().window().stage();
        try {
            until("the demo's sign-in screen", () -> stage.getTitle().endsWith("Sign in") && !text(stage, "#user-code").isEmpty());
            String status = call(() -> text(stage, "#status"));
            String broker = status.substring(status.indexOf("http://"));
            approve(broker, call(() -> text(stage, "#user-code")));
            until("the secrets browser", () -> app.sessions().signedIn().filter(s -> !s.browser().rows().isEmpty())
                    .isPresent());
            SecretsBrowserViewModel browser = app.sessions().signedIn().orElseThrow().browser();
            call(() -> {
                SecretRow first = browser.rows().getFirst();
                browser.reveal(first);
                return null;
            });
            until("a revealed value", () -> !browser.revealedValueProperty().get().isEmpty());
        } finally {
            call(() -> {
                app.close();
                return null;
            });
            Platform.exit();
        }
    }

    /** Confirms the code on the dev IdP's form as ada, with OkHttp (core's client: no second HTTP stack in the cache). */
    private static void approve(String broker, String userCode) throws Exception {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
        Request form = new Request.Builder().url(broker + "/dev-idp/device")
                .post(new FormBody.Builder().add("user_code", userCode).add("user", "ada").build()).build();
        try (Response r = http.newCall(form).execute()) {
            if (r.code() != 200) {
                throw new IllegalStateException("the dev IdP's form answered " + r.code());
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /** The text of the label {@code id} in {@code stage}, or "" (also the traced app's in the app's tests). */
    static String text(Stage stage, String id) {
        Node node = stage.getScene().lookup(id);
        return node instanceof Label l ? l.getText() : "";
    }

    /** Waits (bounded) until {@code condition} holds on the JavaFX thread. */
    static void until(String what, Supplier<Boolean> condition) throws Exception {
        long end = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (!call(condition)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("no " + what + " within " + STEP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** {@code work} on the JavaFX thread, waited for. */
    static <T> T call(Supplier<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work::get);
        Platform.runLater(task);
        return task.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
}
