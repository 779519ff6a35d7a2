package dev.latchkey.core.internal.guard;

import java.io.IOException;
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
 * Reads a {@link RuleSet} from a document in the gitleaks format (docs/guard.md), as
 * {@link Toml} parsed it: rules, allow-lists and Latchkey's own table, with each expression
 * turned from Go's RE2 syntax into Java's. A mistake is said with the file and the rule it is in.
 */
final class RuleFile {

    private RuleFile() {
    }

    /** Rules from {@code file}; {@code defaults} are added when the file asks for them (or has no rules). */
    static RuleSet read(Path file, RuleSet defaults) throws GuardConfigException {
        Map<String, Object> root;
        try {
            root = Toml.parse(Files.readString(file));
        } catch (IOException e) {
            throw new GuardConfigException("cannot read " + file + " (" + firstLine(e.getMessage()) + ")");
        } catch (Toml.SyntaxException e) {
            throw new GuardConfigException(file + " is not valid TOML: " + firstLine(e.getMessage()));
        }
        return parse(root, file.toString(), defaults, false);
    }

    /**
     * Rules from a parsed document.
     *
     * @param source names the document in errors
     * @param defaults the rules the document may extend; null when it extends none
     * @param builtIn whether these are Latchkey's own rules, known to compile: their expressions
     *     are compiled when first needed, where a rule file's are compiled now so a mistake is said
     */
    static RuleSet parse(Map<String, Object> root, String source, RuleSet defaults, boolean builtIn)
            throws GuardConfigException {
        Map<String, PatternRule> rules = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        boolean useDefault = Boolean.TRUE.equals(table(root.get("extend")).get("useDefault"))
                || !root.containsKey("rules");
        if (useDefault && defaults != null) {
            defaults.rules().forEach(r -> rules.put(r.id(), r));
        }
        for (Object o : list(root.get("rules"))) {
            Map<String, Object> r = table(o);
            String id = text(r.get("id"), "");
            if (id.isBlank()) {
                throw new GuardConfigException(source + ": a rule without an id; give each [[rules]] an id");
            }
            if (r.get("regex") == null) {
                skipped.add(id + " (no regex: path-only rules are not supported)");
                continue;
            }
            try {
                List<PatternRule.Allow> allows = new ArrayList<>();
                if (r.containsKey("allowlist")) {
                    allows.add(allow(table(r.get("allowlist")), source, id, builtIn));
                }
                for (Object a : list(r.get("allowlists"))) {
                    allows.add(allow(table(a), source, id, builtIn));
                }
                List<String> keywords = strings(r.get("keywords")).stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
                Optional<Pattern> path = r.get("path") != null
                        ? Optional.of(compile(text(r.get("path"), ""), source, id)) : Optional.empty();
                rules.put(id, new PatternRule(id, text(r.get("description"), id),
                        regex(text(r.get("regex"), ""), source, id, builtIn), (int) number(r.get("secretGroup")),
                        number(r.get("entropy")), keywords, path, merge(allows)));
            } catch (GuardConfigException e) {
                if (defaults == null) {
                    throw e;
                }
                skipped.add(id + " (" + e.getMessage() + ")");
            }
        }
        List<PatternRule.Allow> global = new ArrayList<>();
        if (root.containsKey("allowlist")) {
            global.add(allow(table(root.get("allowlist")), source, "allowlist", builtIn));
        }
        for (Object a : list(root.get("allowlists"))) {
            global.add(allow(table(a), source, "allowlists", builtIn));
        }
        if (defaults != null && useDefault) {
            global.addAll(defaults.global());
        }
        Map<String, Object> own = table(root.get("latchkey"));
        Set<String> fingerprints = new TreeSet<>(strings(own.get("allowFingerprints")));
        Set<String> references = new TreeSet<>(strings(own.get("allowReferences")));
        return new RuleSet(List.copyOf(rules.values()), global, fingerprints, references, skipped);
    }

    private static PatternRule.Allow allow(Map<String, Object> a, String source, String where, boolean builtIn)
            throws GuardConfigException {
        List<Regex> regexes = new ArrayList<>();
        for (String s : strings(a.get("regexes"))) {
            regexes.add(regex(s, source, where, builtIn));
        }
        List<Pattern> paths = new ArrayList<>();
        for (String s : strings(a.get("paths"))) {
            paths.add(compile(s, source, where));
        }
        List<String> stop = strings(a.get("stopwords")).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        return new PatternRule.Allow(regexes, stop, paths, text(a.get("regexTarget"), "secret"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    /** A string, or a number or boolean as written; {@code otherwise} for a table, an array or nothing. */
    private static String text(Object o, String otherwise) {
        return o instanceof String || o instanceof Number || o instanceof Boolean ? o.toString() : otherwise;
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return o instanceof String t ? Double.parseDouble(t.strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
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
        List<Regex> regexes = new ArrayList<>();
        List<String> stop = new ArrayList<>();
        List<Pattern> paths = new ArrayList<>();
        for (PatternRule.Allow a : allows) {
            regexes.addAll(a.regexes());
            stop.addAll(a.stopwords());
            paths.addAll(a.paths());
        }
        return new PatternRule.Allow(regexes, stop, paths, allows.getFirst().regexTarget());
    }

    /** A rule's expression: compiled now from a rule file, on first use for the built-in rules. */
    private static Regex regex(String regex, String source, String where, boolean builtIn)
            throws GuardConfigException {
        return builtIn ? Regex.later(java(regex)) : Regex.compiled(compile(regex, source, where));
    }

    /** Go's RE2 syntax where it differs from Java's: named groups, POSIX classes, literal braces. */
    private static String java(String regex) {
        return literalBraces(regex.replace("(?P<", "(?<")
                .replace("[:alnum:]", "\\p{Alnum}").replace("[:alpha:]", "\\p{Alpha}")
                .replace("[:digit:]", "\\p{Digit}").replace("[:space:]", "\\s")
                .replace("[:upper:]", "\\p{Upper}").replace("[:lower:]", "\\p{Lower}")
                .replace("[:xdigit:]", "\\p{XDigit}").replace("[:punct:]", "\\p{Punct}"));
    }

    static Pattern compile(String regex, String source, String where) throws GuardConfigException {
        try {
            return Pattern.compile(java(regex));
        } catch (PatternSyntaxException e) {
            throw new GuardConfigException(source + ": " + where + ": the regex does not compile ("
                    + firstLine(e.getDescription()) + ")");
        }
    }

    /** RE2 reads a '{' that starts no repetition as itself; Java wants it escaped. */
    private static String literalBraces(String regex) {
        StringBuilder out = new StringBuilder(regex.length() + 8);
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i));
            } else if (c == '{' && !repeat(regex, i)) {
                out.append("\\{");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@code regex} has a repetition ({@code {n}}, {@code {n,}}, {@code {n,m}}) at {@code at}. */
    private static boolean repeat(String regex, int at) {
        int i = at + 1;
        int digits = 0;
        while (i < regex.length() && isDigit(regex.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0 || i >= regex.length()) {
            return false;
        }
        if (regex.charAt(i) == ',') {
            i++;
            while (i < regex.length() && isDigit(regex.charAt(i))) {
                i++;
            }
        }
        return i < regex.length() && regex.charAt(i) == '}';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static List<String> strings(Object array) {
        List<String> out = new ArrayList<>();
        list(array).forEach(n -> out.add(text(n, "")));
        return out;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
