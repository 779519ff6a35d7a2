package dev.latchkey.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The CLI's jar packed by {@code jpackage} as an installed {@code latchkey} command (an application
 * image, as the installers hold), so that what the kernel says of a running {@code latchkey run}
 * (its program and arguments, which an approval prompt shows) reads as on a user's machine:
 * {@code …/latchkey/bin/latchkey run …}, not the JDK's {@code java} and the build's jar. For
 * screenshots; the image is a copy of this JDK and is removed by {@link #close}.
 */
public final class InstalledCli implements AutoCloseable {

    private final Path image;

    private InstalledCli(Path image) {
        this.image = image;
    }

    /** Packs {@code jar} (with the {@code lib/} folder beside it) as {@code folder/latchkey}. */
    public static InstalledCli pack(Path jar, Path folder) throws IOException, InterruptedException {
        Path image = folder.resolve("latchkey");
        delete(image);
        Path input = Files.createTempDirectory("latchkey-cli-input");
        try {
            Files.copy(jar, input.resolve("latchkey.jar"));
            Path lib = Files.createDirectories(input.resolve("lib"));
            try (Stream<Path> jars = Files.list(jar.resolveSibling("lib"))) {
                for (Path j : jars.toList()) {
                    Files.copy(j, lib.resolve(j.getFileName().toString()));
                }
            }
            String mainClass;
            try (JarFile j = new JarFile(jar.toFile())) {
                mainClass = j.getManifest().getMainAttributes().getValue("Main-Class");
            }
            Path jpackage = Path.of(System.getProperty("java.home"), "bin", "jpackage");
            Process p = new ProcessBuilder(List.of(jpackage.toString(), "--type", "app-image", "--name", "latchkey",
                    "--input", input.toString(), "--main-jar", "latchkey.jar", "--main-class", mainClass,
                    "--java-options", "--enable-native-access=ALL-UNNAMED",
                    "--runtime-image", System.getProperty("java.home"), "--dest", folder.toString()))
                    .inheritIO().start();
            assertThat(p.waitFor()).as("jpackage of the CLI").isZero();
        } finally {
            delete(input);
        }
        return new InstalledCli(image);
    }

    /** The {@code latchkey} command. */
    public Path command() {
        return image.resolve("bin").resolve("latchkey");
    }

    @Override
    public void close() throws IOException {
        delete(image);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
