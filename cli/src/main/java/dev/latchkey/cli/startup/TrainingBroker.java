package dev.latchkey.cli.startup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The development broker {@link AotTraining} signs in to: a process of its own from the broker
 * jar, on a loopback port, with ten bulk secrets; its dev IdP's form is where the demo user
 * confirms a sign-in code, as a person would in a browser. It ends with the training.
 */
final class TrainingBroker implements AutoCloseable {

    private static final String LISTENING = "Latchkey broker listening on ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI url;

    private TrainingBroker(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the broker in {@code jar} and waits until it listens. */
    static TrainingBroker start(Path jar) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--dev", "--port", "0", "--dev-bulk-secrets", "10")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            return new TrainingBroker(process, listeningUrl(process));
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    URI url() {
        return url;
    }

    /** Confirms {@code userCode} on the dev IdP's form as ada, with OkHttp (core's client: no second HTTP stack in the cache). */
    void approve(String userCode) throws IOException {
        OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();
        Request form = new Request.Builder().url(url.resolve("/dev-idp/device").toString())
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

    private static URI listeningUrl(Process broker) throws Exception {
        CompletableFuture<URI> url = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(LISTENING)) {
                        return URI.create(line.substring(LISTENING.length()).strip());
                    }
                }
                throw new IllegalStateException("the dev broker ended (exit " + broker.waitFor() + ") before it listened");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot read the dev broker's output", e);
            }
        });
        return url.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
