package dev.latchkey.app.launcher;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
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

    private static final TomlMapper TOML = new TomlMapper();

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

    /**
     * The TOML text for {@code profiles}: one {@code [profiles.NAME]} table each, with {@code .env}
     * and {@code .sandboxes} tables after it. Jackson's TOML mapper writes every key and value (its
     * quoting and escapes are the reader's); only the table headers are put here, because the mapper
     * writes nested tables as dotted keys, and core's errors point at a key by finding its table's
     * header. A header needs no quoting: names are bare keys ({@link #NAME}).
     */
    static String toml(List<LaunchProfile> profiles) {
        StringBuilder b = new StringBuilder("# Latchkey app launch profiles: names and references only, never values.\n");
        for (LaunchProfile p : profiles) {
            if (!NAME.matcher(p.name()).matches()) {
                throw new IllegalArgumentException("'" + p.name() + "' is not a profile name (letters, digits, '-' and '_')");
            }
            table(b, "profiles." + p.name(), settings(p));
            if (!p.env().isEmpty()) {
                table(b, "profiles." + p.name() + ".env", references(p));
            }
            if (!p.sandboxes().isEmpty()) {
                table(b, "profiles." + p.name() + ".sandboxes", sandboxes(p));
            }
        }
        return b.toString();
    }

    private static ObjectNode settings(LaunchProfile p) {
        ObjectNode t = TOML.createObjectNode();
        t.put("command", p.command().getFirst());
        ArrayNode args = t.putArray("args");
        p.command().subList(1, p.command().size()).forEach(args::add);
        p.workingFolder().ifPresent(w -> t.put("workdir", w.toAbsolutePath().toString()));
        if (!p.envFiles().isEmpty()) {
            ArrayNode files = t.putArray("env-files");
            p.envFiles().forEach(f -> files.add(f.toAbsolutePath().toString()));
        }
        t.put("mask", p.mask());
        t.put("pristine", p.pristine());
        t.put("on-expiry", p.onExpiry().label());
        return t;
    }

    private static ObjectNode references(LaunchProfile p) {
        ObjectNode t = TOML.createObjectNode();
        for (Map.Entry<String, EnvValue> e : p.env().entrySet()) {
            if (!(e.getValue() instanceof EnvValue.Reference(var ref))) {
                throw new IllegalArgumentException(e.getKey() + " is not a reference; the app keeps references only");
            }
            t.put(e.getKey(), ref.toString());
        }
        return t;
    }

    private static ObjectNode sandboxes(LaunchProfile p) {
        ObjectNode t = TOML.createObjectNode();
        for (Map.Entry<String, SandboxRequest> e : p.sandboxes().entrySet()) {
            t.putObject(e.getKey()).put("sandbox", e.getValue().sandbox()).put("ttl", Durations.format(e.getValue().ttl()));
        }
        return t;
    }

    private static void table(StringBuilder b, String header, ObjectNode body) {
        try {
            b.append("\n[").append(header).append("]\n").append(TOML.writeValueAsString(body));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the TOML table " + header, e);
        }
    }
}
