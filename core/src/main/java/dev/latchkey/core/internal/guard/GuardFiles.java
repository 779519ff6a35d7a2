package dev.latchkey.core.internal.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.core.config.PrivateFiles;
import dev.latchkey.core.guard.BlockedCommit;
import dev.latchkey.core.guard.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The guard's own small files in the user's state folder: which repositories it was installed
 * in (one folder per line) and the commits it stopped (one JSON object per line). Names,
 * paths and references only; there is no field a value could go in.
 */
public final class GuardFiles {

    /** Jackson only for the blocked-commit log: a scan that stops nothing (every clean commit) never loads it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    private final Path folder;

    public GuardFiles(Path folder) {
        this.folder = folder;
    }

    public Path fingerprints() {
        return folder.resolve("fingerprints.lkg");
    }

    Path lock() {
        return folder.resolve("fingerprints.lock");
    }

    private Path repositories() {
        return folder.resolve("repositories.txt");
    }

    private Path blocked() {
        return folder.resolve("blocked.jsonl");
    }

    public synchronized List<Path> readRepositories() {
        try {
            if (!Files.exists(repositories())) {
                return List.of();
            }
            return Files.readAllLines(repositories(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                    .map(Path::of).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public synchronized void remember(Path top, boolean installed) throws IOException {
        Set<Path> all = new LinkedHashSet<>(readRepositories());
        if (installed) {
            all.add(top);
        } else {
            all.remove(top);
        }
        StringBuilder b = new StringBuilder();
        all.forEach(p -> b.append(p).append('\n'));
        PrivateFiles.writeString(repositories(), b.toString());
    }

    public synchronized void appendBlocked(BlockedCommit c) throws IOException {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("at", c.at().toString());
        o.put("repository", c.repository());
        o.put("hook", c.hook());
        ArrayNode fs = o.putArray("findings");
        for (Finding f : c.findings()) {
            ObjectNode n = fs.addObject();
            n.put("path", f.path());
            n.put("line", f.line());
            f.commit().ifPresent(x -> n.put("commit", x));
            n.put("kind", f.kind().name());
            n.put("name", f.name());
            n.put("detail", f.detail());
            n.put("fingerprint", f.fingerprint());
            f.broker().ifPresent(x -> n.put("broker", x));
            n.put("published", f.published());
        }
        PrivateFiles.writeString(blocked(), Json.MAPPER.writeValueAsString(o) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    public synchronized List<BlockedCommit> readBlocked() {
        List<BlockedCommit> out = new ArrayList<>();
        try {
            if (!Files.exists(blocked())) {
                return out;
            }
            for (String line : Files.readAllLines(blocked(), StandardCharsets.UTF_8)) {
                try {
                    JsonNode n = Json.MAPPER.readTree(line);
                    List<Finding> fs = new ArrayList<>();
                    for (JsonNode f : n.path("findings")) {
                        fs.add(new Finding(f.path("path").asText(), f.path("line").asInt(),
                                Optional.ofNullable(f.get("commit")).map(JsonNode::asText),
                                Finding.Kind.valueOf(f.path("kind").asText("PATTERN")), f.path("name").asText(),
                                f.path("detail").asText(), f.path("fingerprint").asText(),
                                Optional.ofNullable(f.get("broker")).map(JsonNode::asText), f.path("published").asBoolean()));
                    }
                    out.add(new BlockedCommit(Instant.parse(n.path("at").asText()), n.path("repository").asText(),
                            n.path("hook").asText(), fs));
                } catch (IOException | RuntimeException e) {
                    // A line cut short by a crash is no reason to hide the others.
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
