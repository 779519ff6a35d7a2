package dev.latchkey.cli.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git repository the AOT trainings run the pre-commit hook in: one staged file of code
 * as developers write it (configuration keys, URLs, comments and strings beyond ASCII), holding
 * no secret, so the hook passes.
 */
final class TrainingRepository {

    private TrainingRepository() {
    }

    /** Creates the repository in {@code folder} with its file staged; fails when git does not run. */
    static Path create(Path folder, Duration bound) throws IOException, InterruptedException {
        Path repo = Files.createDirectories(folder);
        List<String> code = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            code.add("    String line" + i + " = config.get(\"key." + i + "\", \"https://example.org/a/" + i + "\");");
        }
        // Real diffs hold UTF-8 text: where two lines meet, the scan asks whether a line's last character
        // (here one beyond Latin-1) is a letter, and the rules may match case-insensitively; both read the
        // JDK's tables of such characters, which a commit's JVM loaded from outside the hook's cache.
        for (int i = 0; i < 20; i++) {
            code.add("    // Étape " + i + " — lire la clé « token » du fichier… (→ the café's naïve Grüße, 日本語の説明)");
            code.add("    String label" + i + " = \"Überprüfung · Schlüssel " + i + " ← ok\";");
            code.add("    // la suite : voir le chapitre 日本語");
        }
        Files.write(repo.resolve("App.java"), code);
        for (String[] git : List.of(new String[] {"init", "-q"}, new String[] {"add", "App.java"})) {
            List<String> args = new ArrayList<>(List.of("git", "-C", repo.toString()));
            args.addAll(List.of(git));
            Process p = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(bound.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", git) + " failed");
            }
        }
        return repo;
    }
}
