package dev.latchkey.app.launcher;

import dev.latchkey.core.config.PrivateFiles;
import dev.latchkey.core.launch.profile.EnvValue;
import dev.latchkey.core.launch.profile.LaunchProfile;
import dev.latchkey.core.launch.profile.ProjectFile;
import dev.latchkey.core.launch.profile.SandboxRequest;
import dev.latchkey.grammar.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The app's own launch profiles: one file in the config folder, written in the same
 * {@code latchkey.toml} format projects commit and read back by core's parser.
 *
 * <p>The file holds names, commands, folders and references, never a value: a variable is
 * always a {@code latchkey://} reference ({@link ProfileDraft} refuses anything else) and
 * sandbox tokens are named by sandbox, minted at launch. Blocking file I/O: call from a task.
 */
public final class ProfileStore {

    /** The file's name in the config folder. */
    public static final String FILE = "app-profiles.toml";

    /** Profile names: what a TOML bare key allows, so the file needs no quoting rules for them. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path file;

    public ProfileStore(Path configFolder) {
        this.file = configFolder.resolve(FILE);
    }

    /** Where the profiles are kept. */
    public Path file() {
        return file;
    }

    /**
     * The saved profiles, in file order; none when there is no file yet.
     *
     * @throws dev.latchkey.core.launch.profile.LaunchFileException naming the line when the file was edited into something unreadable
     */
    public List<LaunchProfile> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        return List.copyOf(ProjectFile.read(file).profiles().values());
    }

    /** Replaces the file with {@code profiles} (written to a temporary file first, then moved over). */
    public void save(List<LaunchProfile> profiles) {
        String text = toml(profiles);
        try {
            PrivateFiles.folder(file.getParent());
            // A temporary file is created 0600; moved over the old one, it keeps that.
            Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp", PrivateFiles.fileAttributes());
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the launch profiles to " + file, e);
        }
    }

    /** The TOML text for {@code profiles}. */
    static String toml(List<LaunchProfile> profiles) {
        StringBuilder b = new StringBuilder("# Latchkey app launch profiles: names and references only, never values.\n");
        for (LaunchProfile p : profiles) {
            if (!NAME.matcher(p.name()).matches()) {
                throw new IllegalArgumentException("'" + p.name() + "' is not a profile name (letters, digits, '-' and '_')");
            }
            b.append("\n[profiles.").append(p.name()).append("]\n");
            b.append("command = ").append(string(p.command().getFirst())).append('\n');
            b.append("args = ").append(array(p.command().subList(1, p.command().size()))).append('\n');
            p.workingFolder().ifPresent(w -> b.append("workdir = ").append(string(w.toAbsolutePath().toString())).append('\n'));
            if (!p.envFiles().isEmpty()) {
                b.append("env-files = ").append(array(p.envFiles().stream().map(f -> f.toAbsolutePath().toString()).toList()))
                        .append('\n');
            }
            b.append("mask = ").append(p.mask()).append('\n');
            b.append("pristine = ").append(p.pristine()).append('\n');
            b.append("on-expiry = ").append(string(p.onExpiry().label())).append('\n');
            if (!p.env().isEmpty()) {
                b.append("\n[profiles.").append(p.name()).append(".env]\n");
                for (Map.Entry<String, EnvValue> e : p.env().entrySet()) {
                    if (!(e.getValue() instanceof EnvValue.Reference(var ref))) {
                        throw new IllegalArgumentException(e.getKey() + " is not a reference; the app keeps references only");
                    }
                    b.append(e.getKey()).append(" = ").append(string(ref.toString())).append('\n');
                }
            }
            if (!p.sandboxes().isEmpty()) {
                b.append("\n[profiles.").append(p.name()).append(".sandboxes]\n");
                for (Map.Entry<String, SandboxRequest> e : p.sandboxes().entrySet()) {
                    b.append(e.getKey()).append(" = { sandbox = ").append(string(e.getValue().sandbox()))
                            .append(", ttl = ").append(string(Durations.format(e.getValue().ttl())))
                            .append(" }\n");
                }
            }
        }
        return b.toString();
    }

    private static String array(List<String> items) {
        List<String> quoted = new ArrayList<>();
        items.forEach(i -> quoted.add(string(i)));
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A TOML basic string. */
    private static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
