package dev.latchkey.core.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Pattern rules for values Latchkey never handed out, in a documented subset of the gitleaks
 * configuration format (docs/guard.md): {@code [[rules]]} with id, description, regex,
 * secretGroup, entropy, keywords, path and {@code [[rules.allowlists]]}; a global
 * {@code [allowlist]} (or {@code [[allowlists]]}) with paths, regexes, stopwords and
 * regexTarget; {@code [extend] useDefault = true} to add the built-in rules. Latchkey's own
 * table {@code [latchkey]} holds {@code allowFingerprints} and {@code allowReferences}.
 */
final class RuleSet {

    /** The file a repository keeps its rules and allow-lists in, at its top level. */
    static final String FILE = ".latchkey-guard.toml";
    private static final String BUILT_IN = "builtin-rules.toml";

    private final List<PatternRule> rules;
    private final List<PatternRule.Allow> global;
    private final Set<String> allowFingerprints;
    private final Set<String> allowReferences;
    private final List<String> skipped;

    private RuleSet(List<PatternRule> rules, List<PatternRule.Allow> global, Set<String> allowFingerprints,
            Set<String> allowReferences, List<String> skipped) {
        this.rules = List.copyOf(rules);
        this.global = List.copyOf(global);
        this.allowFingerprints = Set.copyOf(allowFingerprints);
        this.allowReferences = Set.copyOf(allowReferences);
        this.skipped = List.copyOf(skipped);
    }

    private static volatile RuleSet builtIn;

    /** Latchkey's own rules (a subset of gitleaks' default rules, written anew; see the resource). */
    static RuleSet builtIn() {
        RuleSet known = builtIn;
        if (known == null) {
            try (InputStream in = RuleSet.class.getResourceAsStream(BUILT_IN)) {
                known = parse(new TomlMapper().readTree(in), "the built-in rules", null);
            } catch (IOException | GuardConfigException e) {
                throw new IllegalStateException("the built-in guard rules do not load: " + e.getMessage(), e);
            }
            builtIn = known;
        }
        return known;
    }

    /** The rules for a repository: its {@value #FILE} when there is one, else the built-in rules. */
    static RuleSet forRepository(Path top) throws GuardConfigException {
        Path file = top.resolve(FILE);
        return Files.isRegularFile(file) ? load(file) : builtIn();
    }

    /** Rules from a file in the gitleaks format. */
    static RuleSet load(Path file) throws GuardConfigException {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new GuardConfigException(file + " is not valid TOML: " + firstLine(e.getMessage()));
        }
        return parse(root, file.toString(), builtIn());
    }

    private static RuleSet parse(JsonNode root, String source, RuleSet defaults) throws GuardConfigException {
        Map<String, PatternRule> rules = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        boolean useDefault = root.path("extend").path("useDefault").asBoolean(false) || !root.has("rules");
        if (useDefault && defaults != null) {
            defaults.rules.forEach(r -> rules.put(r.id(), r));
        }
        for (JsonNode r : root.path("rules")) {
            String id = r.path("id").asText("");
            if (id.isBlank()) {
                throw new GuardConfigException(source + ": a rule without an id; give each [[rules]] an id");
            }
            if (!r.hasNonNull("regex")) {
                skipped.add(id + " (no regex: path-only rules are not supported)");
                continue;
            }
            try {
                List<PatternRule.Allow> allows = new ArrayList<>();
                if (r.has("allowlist")) {
                    allows.add(allow(r.get("allowlist"), source, id));
                }
                for (JsonNode a : r.path("allowlists")) {
                    allows.add(allow(a, source, id));
                }
                List<String> keywords = new ArrayList<>();
                r.path("keywords").forEach(k -> keywords.add(k.asText().toLowerCase(Locale.ROOT)));
                Optional<Pattern> path = r.hasNonNull("path")
                        ? Optional.of(compile(r.get("path").asText(), source, id)) : Optional.empty();
                rules.put(id, new PatternRule(id, r.path("description").asText(id),
                        compile(r.get("regex").asText(), source, id), r.path("secretGroup").asInt(0),
                        r.path("entropy").asDouble(0), keywords, path, merge(allows)));
            } catch (GuardConfigException e) {
                if (defaults == null) {
                    throw e;
                }
                skipped.add(id + " (" + e.getMessage() + ")");
            }
        }
        List<PatternRule.Allow> global = new ArrayList<>();
        if (root.has("allowlist")) {
            global.add(allow(root.get("allowlist"), source, "allowlist"));
        }
        for (JsonNode a : root.path("allowlists")) {
            global.add(allow(a, source, "allowlists"));
        }
        if (defaults != null && useDefault) {
            global.addAll(defaults.global);
        }
        Set<String> fingerprints = new TreeSet<>(strings(root.path("latchkey").path("allowFingerprints")));
        Set<String> references = new TreeSet<>(strings(root.path("latchkey").path("allowReferences")));
        return new RuleSet(List.copyOf(rules.values()), global, fingerprints, references, skipped);
    }

    private static PatternRule.Allow allow(JsonNode a, String source, String where) throws GuardConfigException {
        List<Pattern> regexes = new ArrayList<>();
        for (String s : strings(a.path("regexes"))) {
            regexes.add(compile(s, source, where));
        }
        List<Pattern> paths = new ArrayList<>();
        for (String s : strings(a.path("paths"))) {
            paths.add(compile(s, source, where));
        }
        List<String> stop = strings(a.path("stopwords")).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return new PatternRule.Allow(regexes, stop, paths, a.path("regexTarget").asText("secret"));
    }

    private static PatternRule.Allow merge(List<PatternRule.Allow> allows) {
        if (allows.isEmpty()) {
            return PatternRule.Allow.NONE;
        }
        if (allows.size() == 1) {
            return allows.getFirst();
        }
        // Several allow-lists each let a secret pass; folded into one they do the same, except
        // that each keeps its own regexTarget only when all agree (the common case).
        List<Pattern> regexes = new ArrayList<>();
        List<String> stop = new ArrayList<>();
        List<Pattern> paths = new ArrayList<>();
        for (PatternRule.Allow a : allows) {
            regexes.addAll(a.regexes());
            stop.addAll(a.stopwords());
            paths.addAll(a.paths());
        }
        return new PatternRule.Allow(regexes, stop, paths, allows.getFirst().regexTarget());
    }

    /** Go's RE2 syntax where it differs from Java's: named groups and POSIX classes. */
    static Pattern compile(String regex, String source, String where) throws GuardConfigException {
        String java = regex.replace("(?P<", "(?<")
                .replace("[:alnum:]", "\\p{Alnum}").replace("[:alpha:]", "\\p{Alpha}")
                .replace("[:digit:]", "\\p{Digit}").replace("[:space:]", "\\s")
                .replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}")
                .replace("[:xdigit:]", "\\p{XDigit}").replace("[:punct:]", "\\p{Punct}");
        try {
            return Pattern.compile(literalBraces(java));
        } catch (PatternSyntaxException e) {
            throw new GuardConfigException(source + ": " + where + ": the regex does not compile ("
                    + firstLine(e.getDescription()) + ")");
        }
    }

    private static final Pattern REPEAT = Pattern.compile("\\{\\d+(?:,\\d*)?}");

    /** RE2 reads a '{' that starts no repetition as itself; Java wants it escaped. */
    private static String literalBraces(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 8);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
            } else if (c == '{' && !REPEAT.matcher(regex).region(i, regex.length()).lookingAt()) {
                out.append("\\{");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    int size() {
        return rules.size();
    }

    List<String> skipped() {
        return skipped;
    }

    /** Whether the global allow-list lets {@code path} pass unscanned by the rules. */
    boolean pathAllowed(String path) {
        return global.stream().anyMatch(a -> a.path(path));
    }

    boolean fingerprintAllowed(String fingerprint) {
        return allowFingerprints.contains(fingerprint);
    }

    boolean referenceAllowed(String label) {
        return allowReferences.contains(label);
    }

    /** Secrets the rules find on {@code line} of {@code path}. */
    List<PatternRule.Hit> find(String path, String line) {
        if (pathAllowed(path)) {
            return List.of();
        }
        List<PatternRule.Hit> out = new ArrayList<>();
        String lower = line.toLowerCase(Locale.ROOT);
        for (PatternRule r : rules) {
            if (!r.wants(lower) || (r.path().isPresent() && !r.path().get().matcher(path).find())
                    || r.allow().path(path)) {
                continue;
            }
            int before = out.size();
            r.find(line, out);
            for (int i = out.size() - 1; i >= before; i--) {
                PatternRule.Hit h = out.get(i);
                if (global.stream().anyMatch(a -> a.secret(h.secret(), h.secret(), line))) {
                    out.remove(i);
                }
            }
        }
        return out;
    }
}
