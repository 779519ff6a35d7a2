package dev.latchkey.core.launch.profile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.latchkey.core.brokerapi.InvalidSecretRefException;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.grammar.Durations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A project's {@code latchkey.toml}: named launch profiles, safe to commit.
 *
 * <pre>
 * [profiles.api]
 * command = "npm"
 * args = ["run", "dev"]
 * workdir = "services/api"          # relative to this file
 * env-files = [".env.latchkey"]      # relative to this file
 * mask = true                       # default true
 * pristine = false                  # default false
 * on-expiry = "warn"                # warn | restart | stop
 * refresh-endpoint = false          # default false; true as latchkey run --refresh-endpoint
 *
 * [profiles.api.env]
 * DATABASE_URL = "latchkey://payments/dev/db-url"
 *
 * [profiles.api.sandboxes]
 * STRIPE_KEY = { sandbox = "stripe-test", ttl = "1h" }
 * </pre>
 */
public record ProjectFile(Path file, Map<String, LaunchProfile> profiles, Set<String> refreshEndpoints) {

    /**
     * @param refreshEndpoints the profiles with {@code refresh-endpoint = true}: their launches serve
     *     the child a credentials endpoint (docs/agent.md)
     */
    public ProjectFile {
        profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
        refreshEndpoints = Set.copyOf(refreshEndpoints);
    }

    /** A project file whose profiles serve no refresh endpoint. */
    public ProjectFile(Path file, Map<String, LaunchProfile> profiles) {
        this(file, profiles, Set.of());
    }

    /** Whether the named profile asks for a refresh endpoint. */
    public boolean refreshEndpoint(String profile) {
        return refreshEndpoints.contains(profile);
    }

    /** The file name looked for in the working folder. */
    public static final String NAME = "latchkey.toml";

    private static final Set<String> PROFILE_KEYS =
            Set.of("command", "args", "workdir", "env-files", "env", "sandboxes", "mask", "pristine", "on-expiry",
                    "refresh-endpoint");

    /** Reads and checks a project file; errors name the file, the line and what is wrong. */
    public static ProjectFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchFileException(file, 0, "cannot read the project file (" + FailureText.describe(e) + ")");
        }
        return parse(file, text);
    }

    /** Parses the text of {@code file}. */
    public static ProjectFile parse(Path file, String text) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new LaunchFileException(file, at == null ? 0 : at.getLineNr(),
                    "not valid TOML: " + e.getOriginalMessage());
        }
        Lines lines = new Lines(file, text.lines().toList());
        Map<String, LaunchProfile> profiles = new LinkedHashMap<>();
        Set<String> refreshEndpoints = new HashSet<>();
        JsonNode all = root.path("profiles");
        if (!all.isObject()) {
            throw lines.error(1, "no [profiles.NAME] table; a project file names at least one profile");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = all.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            profiles.put(e.getKey(), profile(lines, e.getKey(), e.getValue()));
            if (bool(lines, lines.headerOf("profiles." + e.getKey()), e.getKey(), e.getValue(), "refresh-endpoint", false)) {
                refreshEndpoints.add(e.getKey());
            }
        }
        return new ProjectFile(file, profiles, refreshEndpoints);
    }

    /** The named profile, or an error listing the names there are. */
    public LaunchProfile profile(String name) {
        LaunchProfile p = profiles.get(name);
        if (p == null) {
            throw new LaunchFileException(file, 0, "no profile named '" + name + "'; profiles here: "
                    + String.join(", ", profiles.keySet()));
        }
        return p;
    }

    private static LaunchProfile profile(Lines lines, String name, JsonNode node) {
        int header = lines.headerOf("profiles." + name);
        if (!node.isObject()) {
            throw lines.error(header, "profiles." + name + " must be a table");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!PROFILE_KEYS.contains(key)) {
                throw lines.error(lines.keyIn(header, key), "unknown key '" + key + "' in profile " + name
                        + "; known keys: " + String.join(", ", PROFILE_KEYS.stream().sorted().toList()));
            }
        }
        Path base = lines.file().toAbsolutePath().getParent();
        JsonNode command = node.get("command");
        if (command == null || !command.isTextual() || command.asText().isBlank()) {
            throw lines.error(lines.keyIn(header, "command"), "profile " + name + " needs command = \"program\"");
        }
        List<String> argv = new ArrayList<>();
        argv.add(command.asText());
        argv.addAll(strings(lines, header, name, node, "args"));
        Optional<Path> workdir = Optional.ofNullable(node.get("workdir"))
                .map(w -> base.resolve(text(lines, lines.keyIn(header, "workdir"), name, "workdir", w)).normalize());
        List<Path> envFiles = strings(lines, header, name, node, "env-files").stream()
                .map(f -> base.resolve(f).normalize()).toList();
        Map<String, EnvValue> env = new LinkedHashMap<>();
        JsonNode envNode = node.path("env");
        int envHeader = lines.headerOf("profiles." + name + ".env");
        for (Iterator<Map.Entry<String, JsonNode>> it = envNode.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int line = lines.keyIn(envHeader > 0 ? envHeader : header, e.getKey());
            String value = text(lines, line, name, "env." + e.getKey(), e.getValue());
            try {
                env.put(e.getKey(), EnvValue.of(value));
            } catch (InvalidSecretRefException ex) {
                throw lines.error(line, e.getKey() + ": " + ex.getMessage());
            }
        }
        Map<String, SandboxRequest> sandboxes = new LinkedHashMap<>();
        int sbHeader = lines.headerOf("profiles." + name + ".sandboxes");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("sandboxes").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int line = lines.keyIn(sbHeader > 0 ? sbHeader : header, e.getKey());
            sandboxes.put(e.getKey(), sandbox(lines, line, name, e.getKey(), e.getValue()));
        }
        boolean mask = bool(lines, header, name, node, "mask", true);
        boolean pristine = bool(lines, header, name, node, "pristine", false);
        OnExpiry onExpiry = OnExpiry.WARN;
        if (node.has("on-expiry")) {
            int line = lines.keyIn(header, "on-expiry");
            try {
                onExpiry = OnExpiry.parse(text(lines, line, name, "on-expiry", node.get("on-expiry")));
            } catch (IllegalArgumentException e) {
                throw lines.error(line, e.getMessage());
            }
        }
        return new LaunchProfile(name, argv, workdir, envFiles, env, sandboxes, mask, pristine, onExpiry);
    }

    private static SandboxRequest sandbox(Lines lines, int line, String profile, String var, JsonNode value) {
        if (value.isTextual()) {
            return new SandboxRequest(value.asText(), SandboxRequest.DEFAULT_TTL);
        }
        if (!value.isObject() || !value.path("sandbox").isTextual()) {
            throw lines.error(line, "sandboxes." + var + " in profile " + profile
                    + " must be \"name\" or { sandbox = \"name\", ttl = \"1h\" }");
        }
        Duration ttl = SandboxRequest.DEFAULT_TTL;
        if (value.has("ttl")) {
            try {
                ttl = Durations.parse(value.get("ttl").asText());
            } catch (IllegalArgumentException e) {
                throw lines.error(line, "sandboxes." + var + ": " + e.getMessage());
            }
        }
        return new SandboxRequest(value.get("sandbox").asText(), ttl);
    }

    private static List<String> strings(Lines lines, int header, String profile, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode item : v) {
                if (!item.isValueNode()) {
                    throw lines.error(lines.keyIn(header, key), key + " in profile " + profile + " must be a list of strings");
                }
                out.add(item.asText());
            }
            return out;
        }
        throw lines.error(lines.keyIn(header, key), key + " in profile " + profile + " must be a list, such as [\"a\", \"b\"]");
    }

    private static String text(Lines lines, int line, String profile, String key, JsonNode v) {
        if (!v.isTextual()) {
            throw lines.error(line, key + " in profile " + profile + " must be a string");
        }
        return v.asText();
    }

    private static boolean bool(Lines lines, int header, String profile, JsonNode node, String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw lines.error(lines.keyIn(header, key), key + " in profile " + profile + " must be true or false");
        }
        return v.asBoolean();
    }

    /** Finds the line a key sits on: Jackson's tree keeps no locations, the text does. */
    private record Lines(Path file, List<String> text) {

        LaunchFileException error(int line, String what) {
            return new LaunchFileException(file, line, what);
        }

        int headerOf(String table) {
            for (int i = 0; i < text.size(); i++) {
                String t = text.get(i).strip().replace(" ", "");
                if (t.equals("[" + table + "]") || t.equals("[" + table.replace(".", ".\"") + "\"]")) {
                    return i + 1;
                }
            }
            return 0;
        }

        int keyIn(int header, String key) {
            for (int i = Math.max(0, header); i < text.size(); i++) {
                String t = text.get(i).strip();
                if (t.startsWith("[")) {
                    break;
                }
                if (t.startsWith(key) && t.substring(key.length()).stripLeading().startsWith("=")) {
                    return i + 1;
                }
            }
            return header;
        }
    }
}
