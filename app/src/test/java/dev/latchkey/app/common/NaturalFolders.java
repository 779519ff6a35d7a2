package dev.latchkey.app.common;

import dev.latchkey.core.agent.AgentPaths;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Folders under the temp root whose paths read like a user's ({@code <temp>/run/user/<uid>},
 * {@code <temp>/home/ada}), for tests whose screenshots show paths. Each is made by an atomic
 * create, so a test holds it alone; when another run holds it, the test's own folder serves.
 * {@link #close()} removes what was made.
 */
public final class NaturalFolders implements AutoCloseable {

    private final Path fallback;
    private final List<Path> made = new ArrayList<>();

    /** @param fallback the test's own temporary folder, used when a natural one is taken */
    public NaturalFolders(Path fallback) {
        this.fallback = fallback;
    }

    /** {@code <temp>/<first>/<more...>}, made for this test (0700), or {@code fallback/<last>} when taken. */
    public Path claim(String first, String... more) throws IOException {
        Path natural = Path.of(System.getProperty("java.io.tmpdir")).resolve(Path.of(first, more));
        Files.createDirectories(natural.getParent());
        try {
            made.add(Files.createDirectory(natural, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------"))));
            return natural;
        } catch (FileAlreadyExistsException taken) {
            return Files.createDirectories(fallback.resolve(natural.getFileName()));
        }
    }

    /** {@code base} with the agent's socket in a runtime folder that reads like the user's. */
    public LocalFolders withNaturalSocket(LocalFolders base) throws IOException {
        Path runtime = claim("run", "user", String.valueOf(Files.getAttribute(fallback, "unix:uid")));
        Map<String, String> env = new HashMap<>(base.env());
        env.put("LATCHKEY_AGENT_SOCKET", runtime.resolve("latchkey").resolve(AgentPaths.SOCKET).toString());
        return new LocalFolders(base.config(), base.launchLog(), env, base.home());
    }

    @Override
    public void close() throws IOException {
        for (Path folder : made) {
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        made.clear();
    }
}
