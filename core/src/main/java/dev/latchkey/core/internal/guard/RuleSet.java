package dev.latchkey.core.internal.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pattern rules for values Latchkey never handed out, in a documented subset of the gitleaks
 * configuration format (docs/guard.md): {@code [[rules]]} with id, description, regex,
 * secretGroup, entropy, keywords, path and {@code [[rules.allowlists]]}; a global
 * {@code [allowlist]} (or {@code [[allowlists]]}) with paths, regexes, stopwords and
 * regexTarget; {@code [extend] useDefault = true} to add the built-in rules. Latchkey's own
 * table {@code [latchkey]} holds {@code allowFingerprints} and {@code allowReferences}.
 */
public final class RuleSet {

    /** The file a repository keeps its rules and allow-lists in, at its top level. */
    static final String FILE = ".latchkey-guard.toml";
    private static final String BUILT_IN = "builtin-rules.toml";

    private final List<PatternRule> rules;
    private final List<PatternRule.Allow> global;
    private final Set<String> allowFingerprints;
    private final Set<String> allowReferences;
    private final List<String> skipped;
    private final Keywords keywords;
    private final ThreadLocal<boolean[]> wanted;

    RuleSet(List<PatternRule> rules, List<PatternRule.Allow> global, Set<String> allowFingerprints,
            Set<String> allowReferences, List<String> skipped) {
        this.rules = List.copyOf(rules);
        this.global = List.copyOf(global);
        this.allowFingerprints = Set.copyOf(allowFingerprints);
        this.allowReferences = Set.copyOf(allowReferences);
        this.skipped = List.copyOf(skipped);
        List<List<String>> byRule = new ArrayList<>(this.rules.size());
        for (PatternRule r : this.rules) {
            byRule.add(r.keywords());
        }
        this.keywords = new Keywords(byRule);
        this.wanted = new Wanted(this.rules.size());
    }

    /**
     * Which rules a line wants, one array per thread reused line after line (each line with a
     * keyword made one). Per thread, not one per rule set: the built-in rule set is one for the
     * whole JVM, and the app's agent can scan with it on two threads at once (signed in again,
     * a new agent's {@link HeldScans} warms up while the old one may still answer a hook, and
     * each is synchronized on itself only). {@link Keywords#wanted} writes every slot, so a line
     * clears nothing of the line before.
     */
    private static final class Wanted extends ThreadLocal<boolean[]> {

        private final int rules;

        Wanted(int rules) {
            this.rules = rules;
        }

        @Override
        protected boolean[] initialValue() {
            return new boolean[rules];
        }
    }

    private static volatile RuleSet builtIn;

    /**
     * Latchkey's own rules (a subset of gitleaks' default rules, written anew; see the resource),
     * from their table ({@link BuiltInRules}, made from the resource when it changes): reading
     * the TOML file was a good part of a cold hook's start.
     */
    public static RuleSet builtIn() {
        RuleSet known = builtIn;
        if (known == null) {
            known = BuiltInRules.table();
            builtIn = known;
        }
        return known;
    }

    /** The built-in rules read from their TOML file, as their table is made. */
    static RuleSet builtInFromToml() {
        try (InputStream in = RuleSet.class.getResourceAsStream(BUILT_IN)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return RuleFile.parse(Toml.parse(text), "the built-in rules", null, true);
        } catch (IOException | Toml.SyntaxException | GuardConfigException e) {
            throw new IllegalStateException("the built-in guard rules do not load: " + e.getMessage(), e);
        }
    }

    /** Rules from a table: {@link BuiltInRules}. */
    static RuleSet of(List<PatternRule> rules, PatternRule.Allow global) {
        return new RuleSet(rules, List.of(global), Set.of(), Set.of(), List.of());
    }

    List<PatternRule> rules() {
        return rules;
    }

    List<PatternRule.Allow> global() {
        return global;
    }

    /** The rules for a repository: its {@value #FILE} when there is one, else the built-in rules. */
    static RuleSet forRepository(Path top) throws GuardConfigException {
        Path file = top.resolve(FILE);
        return Files.isRegularFile(file) ? load(file) : builtIn();
    }

    /** Rules from a file in the gitleaks format. */
    public static RuleSet load(Path file) throws GuardConfigException {
        return RuleFile.read(file, builtIn());
    }

    public int size() {
        return rules.size();
    }

    public List<String> skipped() {
        return skipped;
    }

    /** Whether the global allow-list lets {@code path} pass unscanned by the rules. */
    boolean pathAllowed(String path) {
        // A diff asks this for each of a file's lines in a row: the last answer is kept.
        PathVerdict last = lastPath;
        if (last != null && last.path().equals(path)) {
            return last.allowed();
        }
        boolean allowed = false;
        for (PatternRule.Allow a : global) {
            allowed |= a.path(path);
        }
        lastPath = new PathVerdict(path, allowed);
        return allowed;
    }

    private record PathVerdict(String path, boolean allowed) {
    }

    private volatile PathVerdict lastPath;

    boolean fingerprintAllowed(String fingerprint) {
        return allowFingerprints.contains(fingerprint);
    }

    boolean referenceAllowed(String label) {
        return allowReferences.contains(label);
    }

    /** Secrets the rules find on {@code line} of {@code path}. */
    public List<PatternRule.Hit> find(String path, String line) {
        if (pathAllowed(path)) {
            return List.of();
        }
        boolean[] skip = skips(path);
        // Most lines hold no rule's keyword: only the rules without keywords run on them, and a
        // line no rule finds anything on costs no allocation.
        int first = keywords.first(line);
        List<PatternRule.Hit> out = null;
        if (first < 0) {
            for (int i : keywords.alwaysRules()) {
                if (!skip[i]) {
                    out = run(i, line, out);
                }
            }
            return out == null ? List.of() : out;
        }
        boolean[] wanted = this.wanted.get();
        keywords.wanted(line, first, wanted);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i] && !skip[i]) {
                out = run(i, line, out);
            }
        }
        return out == null ? List.of() : out;
    }

    /** Adds rule {@code i}'s hits on {@code line} that the global allow-list does not let pass to {@code out}. */
    private List<PatternRule.Hit> run(int i, String line, List<PatternRule.Hit> out) {
        int before = out == null ? 0 : out.size();
        out = rules.get(i).find(line, out);
        for (int k = out == null ? -1 : out.size() - 1; k >= before; k--) {
            PatternRule.Hit h = out.get(k);
            for (PatternRule.Allow a : global) {
                if (a.secret(h.secret(), h.secret(), line)) {
                    out.remove(k);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Which rules {@code path} keeps from running: the rule's path filter does not match it, or
     * its allow-list lets the path pass. A diff asks for each of a file's lines in a row: the
     * last file's answers are kept (asking each wanted rule's patterns on each line cost an
     * iterator and a matcher per rule).
     */
    private boolean[] skips(String path) {
        RuleSkips last = lastSkips;
        if (last != null && last.path().equals(path)) {
            return last.skip();
        }
        boolean[] skip = new boolean[rules.size()];
        for (int i = 0; i < skip.length; i++) {
            PatternRule r = rules.get(i);
            skip[i] = (r.path().isPresent() && !r.path().get().matcher(path).find()) || r.allow().path(path);
        }
        lastSkips = new RuleSkips(path, skip);
        return skip;
    }

    /** @param skip never written once made: threads scanning at once share it */
    private record RuleSkips(String path, boolean[] skip) {
    }

    private volatile RuleSkips lastSkips;
}
