package dev.latchkey.app.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Real git repositories for the app's guard tests. */
public final class GitRepos {

    private GitRepos() {
    }

    /** A new repository in {@code folder} (created), with a committer so commits work. */
    public static Path init(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        git(folder, "init", "-q");
        git(folder, "config", "user.email", "ada@example.test");
        git(folder, "config", "user.name", "Ada");
        return folder.toRealPath();
    }

    /** Runs git in {@code folder}; fails the test with git's output when it does not succeed. */
    public static String git(Path folder, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", folder.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
