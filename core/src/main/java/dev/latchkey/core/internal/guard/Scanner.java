package dev.latchkey.core.internal.guard;

import dev.latchkey.core.guard.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;

/**
 * Scans lines, from a diff or from files, with both matchers: received values by fingerprint,
 * and the pattern rules. A value split over two lines is looked for where they meet.
 */
public final class Scanner implements DiffReader.Sink {

    /** Files (or a file's added lines) past this size are not scanned, with a note. */
    static final long MAX_FILE_BYTES = 50L * 1024 * 1024;

    /** Of two matches of one value on a line, the whole value's tag rather than a part's. */
    private static final BinaryOperator<Integer> WHOLE_FIRST = new WholeFirst();

    // The scanner's callbacks are small named classes, not lambdas: a JVM without an AOT cache
    // (a scan from the command line, the bench's fresh JVM) spun a class for each lambda as the
    // scanner was made, 1 to 2 ms apiece on the way to the first line.
    private static final class WholeFirst implements BinaryOperator<Integer> {
        @Override
        public Integer apply(Integer a, Integer b) {
            return (a & Fingerprinter.PART) == 0 ? a : b;
        }
    }

    private final RuleSet rules;
    private final KnownValues known;
    private final FingerprintSet set;
    private final Set<String> publishedCommits;
    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> seen = new LinkedHashSet<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> files = new LinkedHashSet<>();
    private long lines;
    private final Map<Integer, Integer> best = new LinkedHashMap<>();
    private final List<int[]> ranges = new ArrayList<>();
    private final KnownValues.Sink onLine = new OnLine();

    private final class OnLine implements KnownValues.Sink {
        @Override
        public void match(int entry, int tag, int from, int to) {
            best.merge(entry, tag, WHOLE_FIRST);
            ranges.add(new int[] {from, to});
        }
    }
    private String commit;
    private String lastPath;
    private int lastNumber;
    private String lastText;

    /**
     * @param known null when fingerprints are off
     * @param publishedCommits commits that reached a remote (findings in them are exposures)
     */
    public Scanner(RuleSet rules, KnownValues known, FingerprintSet set, Set<String> publishedCommits) {
        this.rules = rules;
        this.known = known;
        this.set = set;
        this.publishedCommits = publishedCommits;
    }

    public List<Finding> findings() {
        return findings;
    }

    List<String> notes() {
        return notes;
    }

    int files() {
        return files.size();
    }

    long lines() {
        return lines;
    }

    @Override
    public void commit(String sha) {
        commit = sha;
        lastPath = null;
    }

    @Override
    public void note(String path, String why) {
        notes.add((commit == null ? "" : commit.substring(0, Math.min(12, commit.length())) + " ") + path + ": " + why);
    }

    @Override
    public void line(String path, int number, String text) {
        if (!rules.pathAllowed(path)) {
            line(path, number, text, rules.find(path, text));
        }
    }

    /**
     * Scans a line whose pattern-rule {@code hits} are known already (the hook finds them while
     * the fingerprint key is still on its way from the keychain).
     */
    void line(String path, int number, String text, List<PatternRule.Hit> hits) {
        if (rules.pathAllowed(path)) {
            return;
        }
        if (!path.equals(lastPath)) {
            files.add(path);
        }
        lines++;
        // Reused line after line: most lines match nothing, and a cold JVM pays for each allocation.
        ranges.clear();
        if (known != null) {
            best.clear();
            known.scan(text, onLine);
            if (!best.isEmpty()) {
                best.forEach((entry, tag) -> addKnown(path, number, entry, tag, null));
            }
            if (path.equals(lastPath) && number == lastNumber + 1) {
                join(path, number, text, best.keySet());
            }
            // The tokens' pass saw whether the line holds a run as long as a base64 word: most lines do not.
            if (known.mayHoldBase64()) {
                insideBase64(path, number, text, best.keySet());
            }
        }
        // Indexed: a for-each made an iterator for each line, and most lines have no hit.
        for (int i = 0, n = hits.size(); i < n; i++) {
            PatternRule.Hit h = hits.get(i);
            if (!overlapsKnown(h)) {
                addPattern(path, number, h);
            }
        }
        lastPath = path;
        lastNumber = number;
        lastText = text;
    }

    /** Whether a received value found on the line covers part of {@code h} (the value is reported, not the rule). */
    private boolean overlapsKnown(PatternRule.Hit h) {
        for (int[] r : ranges) {
            if (r[0] < h.to() && h.from() < r[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes base64 words of the line (a Kubernetes secret's data, an encoded .env) and looks
     * in the decoded text too, so a value anywhere inside them is found.
     */
    private void insideBase64(String path, int number, String text, Set<Integer> already) {
        decodedPath = path;
        decodedNumber = number;
        decodedAlready = already;
        Base64Words.each(text, onDecoded);
    }

    // The line insideBase64 looks at, for onDecoded: bound once, since a capturing lambda is an allocation per line.
    private String decodedPath;
    private int decodedNumber;
    private Set<Integer> decodedAlready;
    private final Consumer<String> onDecoded = new OnDecoded();

    private final class OnDecoded implements Consumer<String> {
        @Override
        public void accept(String decoded) {
            decoded(decoded);
        }
    }

    private void decoded(String decoded) {
        decodedFound.clear();
        int from = 0;
        int n = decoded.length();
        for (int i = 0; i <= n; i++) {
            // The decoded text's lines (as \R splits them: \r\n, \n, \r, and the other line ends).
            char c = i < n ? decoded.charAt(i) : '\n';
            if (c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                known.scan(decoded.substring(from, i), onInner);
                if (c == '\r' && i + 1 < n && decoded.charAt(i + 1) == '\n') {
                    i++;
                }
                from = i + 1;
            }
        }
        if (!decodedFound.isEmpty()) {
            decodedFound.forEach((entry, tag) -> addKnown(decodedPath, decodedNumber, entry, Encoding.BASE64_INSIDE.ordinal(), null));
        }
    }

    private final Map<Integer, Integer> decodedFound = new LinkedHashMap<>();
    private final KnownValues.Sink onInner = new OnInner();

    private final class OnInner implements KnownValues.Sink {
        @Override
        public void match(int entry, int tag, int from, int to) {
            inner(entry, tag, from, to);
        }
    }

    private void inner(int entry, int tag, int from, int to) {
        if (!decodedAlready.contains(entry)) {
            decodedFound.merge(entry, tag, WHOLE_FIRST);
        }
    }

    /** Looks where two lines meet for a value written half on each. */
    private void join(String path, int number, String text, Set<Integer> already) {
        Seam seam = Seam.of(lastText, text);
        if (seam == null) {
            return;
        }
        joinSeam = seam;
        joinAlready = already;
        joinBest.clear();
        known.across(seam.text(), seam.at(), onSeam);
        if (!joinBest.isEmpty()) {
            String split = (number - 1) + "-" + number;
            joinBest.forEach((entry, tag) -> addKnown(path, number, entry, tag, split));
        }
    }

    // The seam join looks at, for onSeam: bound once (the build's training of the hook's AOT cache makes a
    // Scanner, not always a seam, and a lambda first made during a commit costs a cold JVM its linking).
    private Seam joinSeam;
    private Set<Integer> joinAlready;
    private final Map<Integer, Integer> joinBest = new LinkedHashMap<>();
    private final KnownValues.Sink onSeam = new OnSeam();

    private final class OnSeam implements KnownValues.Sink {
        @Override
        public void match(int entry, int tag, int from, int to) {
            seamMatch(entry, tag, from, to);
        }
    }

    private void seamMatch(int entry, int tag, int from, int to) {
        if (joinSeam.crosses(from, to) && !joinAlready.contains(entry)) {
            joinBest.merge(entry, tag, WHOLE_FIRST);
        }
    }

    private void addKnown(String path, int number, int entry, int tag, String split) {
        FingerprintSet.Entry e = set.entries().get(entry);
        String fingerprint = "lk:" + HexFormat.of().toHexDigits(e.valueId());
        if (rules.fingerprintAllowed(fingerprint) || rules.referenceAllowed(e.label())) {
            return;
        }
        boolean part = (tag & Fingerprinter.PART) != 0;
        String how = Encoding.of(tag & 0x7f).words();
        String detail = split != null ? "split over lines " + split + ", " + how : part ? "part of it, " + how : how;
        add(new Finding(path, number, Optional.ofNullable(commit), Finding.Kind.KNOWN_VALUE, e.label(), detail,
                fingerprint, e.broker().isEmpty() ? Optional.empty() : Optional.of(e.broker()), published()));
    }

    private void addPattern(String path, int number, PatternRule.Hit h) {
        String fingerprint = "sha256:" + sha256(h.ruleId() + ":" + h.secret()).substring(0, 16);
        if (rules.fingerprintAllowed(fingerprint)) {
            return;
        }
        add(new Finding(path, number, Optional.ofNullable(commit), Finding.Kind.PATTERN, h.ruleId(), h.description(),
                fingerprint, Optional.empty(), published()));
    }

    private boolean published() {
        return commit != null && publishedCommits.contains(commit);
    }

    private void add(Finding f) {
        if (seen.add(f.commit().orElse("") + "\0" + f.path() + "\0" + f.line() + "\0" + f.name())) {
            findings.add(f);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
