package dev.latchkey.core.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private final Path file;

    /** The log kept in {@code file}. */
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

    /**
     * Appends one record. Written by hand, not with Jackson: every {@code latchkey run} appends one,
     * and loading a JSON library costs that command more than the rest of its start-up work.
     */
    public synchronized void append(LaunchRecord r) {
        StringBuilder o = new StringBuilder(256).append('{');
        field(o, "started").append(quoted(r.started().toString()));
        field(o.append(','), "ended").append(quoted(r.ended().toString()));
        field(o.append(','), "profile").append(quoted(r.profile()));
        field(o.append(','), "command").append(array(r.command()));
        field(o.append(','), "refs").append(array(r.refs()));
        field(o.append(','), "sandboxes").append(array(r.sandboxes()));
        field(o.append(','), "pid").append(r.pid());
        field(o.append(','), "exitCode").append(r.exitCode());
        r.note().ifPresent(n -> field(o.append(','), "note").append(quoted(n)));
        o.append("}\n");
        try {
            PrivateFiles.writeString(file, o.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the launch log " + file, e);
        }
    }

    private static StringBuilder field(StringBuilder o, String name) {
        return o.append(quoted(name)).append(':');
    }

    private static String array(List<String> items) {
        StringBuilder a = new StringBuilder("[");
        for (String item : items) {
            a.append(a.length() > 1 ? "," : "").append(quoted(item));
        }
        return a.append(']').toString();
    }

    /** A JSON string (RFC 8259): quote, backslash and control characters escaped. */
    static String quoted(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
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
                    JsonNode n = Reader.JSON.readTree(line);
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

    /** Jackson, loaded only when the log is read ({@code latchkey history}, the app). */
    private static final class Reader {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
