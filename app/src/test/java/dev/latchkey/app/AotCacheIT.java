package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.demo.DemoBrokerProgram;
import dev.latchkey.testsupport.AotArchive;
import dev.latchkey.testsupport.AotProfiles;
import dev.latchkey.testsupport.RealParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The AOT cache the build trains for {@code ./latchkey-app} (docs/performance.md): nothing of its
 * training's values or tokens is in it, and the launcher's JVM takes the app's classes from it.
 */
class AotCacheIT {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @Test
    void theCacheHoldsNoValueOrTokenOfItsTraining() throws Exception {
        // The training signs ada in and reveals one of these; the browser holds them all.
        // payments/dev's values in the dev broker's demo organisation (the broker's seed.DemoOrganisation).
        List<String> values = List.of("postgresql://payments_app:dev-Kq83vLx2@127.0.0.1:5432/payments_dev",
                "sk_test_51Dev0nlyFakeKeyPaymentsA8f3K2m9Q", "whsec_devF4keS1gn1ngS3cretQ9x7",
                "redis://:devRedisPw71@127.0.0.1:6379/2");
        AotArchive cache = AotArchive.read(cache());
        cache.assertHoldsNone("dev/latchkey/app/AppComposition", values);
        // The dev IdP's tokens are JWTs: each starts with its encoded header, {"alg":, {"kid": or {"typ":.
        for (String header : List.of("eyJhbGciOi", "eyJraWQiOi", "eyJ0eXAiOi")) {
            assertThat(cache.contains(header)).as("a JWT (%s...) in the cache", header).isFalse();
        }
    }

    /** The demo broker's cache, recorded in the same training: its values are in the broker jar anyway; its tokens are not. */
    @Test
    void theDemoBrokersCacheHoldsNoTokenOfItsTraining() throws Exception {
        AotArchive cache = AotArchive.read(HeadlessAotTraining.demoBrokerCache(cache()));
        assertThat(cache.contains("dev/latchkey/broker/BrokerMain")).as("a cache of the broker").isTrue();
        for (String header : List.of("eyJhbGciOi", "eyJraWQiOi", "eyJ0eXAiOi")) {
            assertThat(cache.contains(header)).as("a JWT (%s...) in the cache", header).isFalse();
        }
    }

    /**
     * Both caches hold classes, not the training's method profiles: the app and its demo broker run
     * C1 only, which uses no profile, and a JVM replayed them as compilations; without them the demo's
     * sign-in screen was usable 4.7 → 3.3 s after the start (docs/performance.md).
     */
    @Test
    void theCachesHoldNoMethodProfiles() throws Exception {
        assertThat(AotProfiles.classes(cache(), HeadlessAotTraining.APP_OPTIONS, jar().toString()))
                .as("classes with a training profile in the app's cache").isEmpty();
        Path brokerJar = jar().getParent().getParent().getParent().resolve("broker/target/latchkey-broker.jar");
        assertThat(AotProfiles.classes(HeadlessAotTraining.demoBrokerCache(cache()), DemoBrokerProgram.JVM_OPTIONS,
                brokerJar.toString())).as("classes with a training profile in the demo broker's cache").isEmpty();
    }

    @Test
    void theLauncherStartsTheAppFromIt() throws Exception {
        Path script = jar().getParent().getParent().getParent().resolve("latchkey-app");
        assertThat(Files.readString(script)).as("./latchkey-app starts its JVM as the training did")
                .contains("options=\"" + String.join(" ", HeadlessAotTraining.APP_OPTIONS) + "\"");

        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(HeadlessAotTraining.APP_OPTIONS);
        command.addAll(List.of("-XX:AOTCache=" + cache(), "-Xlog:aot=off", "-Xlog:cds=off", "-Xlog:class+load=info",
                "-jar", jar().toString(), "--no-such-option")); // the app's options read, then a usage error before any window
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out.get().lines()).as("the app's classes come from the cache")
                .anyMatch(l -> l.contains(" dev.latchkey.app.LaunchOptions source: shared objects file"));
    }

    private static Path cache() {
        Path cache = jar().resolveSibling("latchkey-app.aot");
        if (!Files.isRegularFile(cache)) {
            RealParts.missing("there is no AOT cache at " + cache + ": the build trains it where xvfb-run is"
                    + " (Debian: xvfb xauth), unless -Dlatchkey.aot.skip");
        }
        return cache;
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("latchkey.app.jar", "target/latchkey-app.jar")).toAbsolutePath();
        assertThat(jar).as("the app jar (run the integration tests after package)").isRegularFile();
        return jar;
    }
}
