package dev.latchkey.core.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.config.LatchkeyDirectories;
import dev.latchkey.core.config.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local launch log: one JSON object per line, names and references only.
 *
 * <p>Lives in the platform's state folder ({@code $XDG_STATE_HOME/latchkey/launches.jsonl},
 * by default {@code ~/.local/state/latchkey/launches.jsonl}). Values never reach it: a record
 * has no field that could hold one, and the command is masked before it is written.
 */
public final class LaunchLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    public LaunchLog(Path file) {
        this.file = file;
    }

    /** The log in the state folder named by this environment. */
    public static LaunchLog inStateFolder(Map<String, String> env) {
        return new LaunchLog(LatchkeyDirectories.state(env, Path.of(System.getProperty("user.home")))
                .resolve("launches.jsonl"));
    }

    /** Where the log is. */
    public Path file() {
        return file;
    }

    /** Appends one record. */
    public synchronized void append(LaunchRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("started", r.started().toString());
        o.put("ended", r.ended().toString());
        o.put("profile", r.profile());
        ArrayNode cmd = o.putArray("command");
        r.command().forEach(cmd::add);
        ArrayNode refs = o.putArray("refs");
        r.refs().forEach(refs::add);
        ArrayNode sb = o.putArray("sandboxes");
        r.sandboxes().forEach(sb::add);
        o.put("pid", r.pid());
        o.put("exitCode", r.exitCode());
        r.note().ifPresent(n -> o.put("note", n));
        try {
            PrivateFiles.writeString(file, JSON.writeValueAsString(o) + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the launch log " + file, e);
        }
    }

    /** All records, oldest first; lines that cannot be read are skipped. */
    public List<LaunchRecord> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<LaunchRecord> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    out.add(new LaunchRecord(Instant.parse(n.get("started").asText()), Instant.parse(n.get("ended").asText()),
                            n.get("profile").asText(), strings(n.get("command")), strings(n.get("refs")),
                            strings(n.get("sandboxes")), n.get("pid").asLong(), n.get("exitCode").asInt(),
                            Optional.ofNullable(n.get("note")).map(JsonNode::asText)));
                } catch (IOException | RuntimeException e) {
                    // A line cut short by a crash is no reason to hide the rest of the history.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launch log " + file, e);
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
