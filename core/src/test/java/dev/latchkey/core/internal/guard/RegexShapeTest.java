package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A rule's shape is a filter that never loses a match: the built-in rules find exactly what they
 * found without shapes, on the public fake-key sample, on lines made around its keys and on this
 * repository's own sources; and the reading of an expression is checked construct by construct.
 */
class RegexShapeTest {

    private static final Path SAMPLE = Path.of("../bench/guard/fake-keys.tsv");

    @Test
    void theBuiltInRulesFindTheSameWithAndWithoutShapes() throws IOException {
        RuleSet shaped = RuleSet.builtIn();
        List<PatternRule> plain = new ArrayList<>();
        for (PatternRule r : shaped.rules()) {
            plain.add(new PatternRule(r.id(), r.description(), Regex.later(r.regex().java(), null), r.secretGroup(),
                    r.entropy(), r.keywords(), r.path(), r.allow()));
        }
        RuleSet unshaped = RuleSet.of(plain, shaped.global().getFirst());
        List<String> lines = lines();
        int hits = 0;
        for (String line : lines) {
            List<PatternRule.Hit> expected = unshaped.find("sample.txt", line);
            assertThat(shaped.find("sample.txt", line)).as(line).isEqualTo(expected);
            hits += expected.size();
        }
        assertThat(hits).as("the lines hold keys the rules find").isGreaterThan(100);
        assertThat(lines).hasSizeGreaterThan(5_000);
    }

    @Test
    void everyMatchOfABuiltInRuleFitsItsShape() throws IOException {
        for (PatternRule r : RuleSet.builtIn().rules()) {
            RegexShape shape = r.regex().shape();
            if (shape == null) {
                continue;
            }
            for (String line : lines()) {
                var m = r.regex().pattern().matcher(line);
                while (m.find()) {
                    assertThat(shape.fits(m.group())).as("%s: %s", r.id(), m.group()).isTrue();
                }
            }
        }
    }

    @Test
    void readsEachConstructConservatively() {
        assertThat(RegexShape.of("\\b(ghp_[0-9a-zA-Z]{36})\\b").min()).isEqualTo(40);
        RegexShape caseless = RegexShape.of("(?i)abc[d-f]{20}");
        assertThat(caseless.takes('A')).isTrue();
        assertThat(caseless.takes('F')).isTrue();
        assertThat(caseless.takes('g')).isFalse();
        assertThat(caseless.takes('é')).as("anything outside ASCII, under (?i)").isTrue();
        RegexShape alternation = RegexShape.of("(?:x{30}|y{20})(?=zzz)(?!q)");
        assertThat(alternation.min()).as("the shorter branch; look-arounds consume nothing").isEqualTo(20);
        assertThat(alternation.takes('z')).isFalse();
        RegexShape negated = RegexShape.of("[^\\s:]{20}");
        assertThat(negated.takes('a')).isTrue();
        assertThat(negated.takes('é')).isTrue();
        assertThat(negated.takes(':')).isFalse();
        assertThat(RegexShape.of("a{0}[a-z]{16}").takes('a')).isTrue();
        assertThat(RegexShape.of("\\{[a-z]{16}\\}").takes('{')).isTrue();
        assertThat(RegexShape.of("[a-z]{20}?").min()).isEqualTo(20);
        assertThat(RegexShape.of("[a-z]{20}+x*").min()).isEqualTo(20);
        for (String unknown : List.of("(a{16})\\1", "\\p{Alnum}{20}", "(?x)a{20}", "[a-z&&[^b]]{20}", "\\Qa{20}\\E",
                "(?u)a{20}", "[]a]{20}", "\\x41{20}", "a{20", "[a-z]{8}")) {
            assertThat(RegexShape.of(unknown)).as(unknown).isNull();
        }
        assertThat(RegexShape.of("[a-z ]{20}")).as("a shape that takes spaces filters nothing").isNull();
    }

    @Test
    void aShapeFitsExactlyTheLinesWithALongEnoughRun() {
        RegexShape s = RegexShape.of("[a-f0-9]{16}");
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            for (int i = random.nextInt(60); i > 0; i--) {
                line.append("abcdef0123456789xyz ".charAt(random.nextInt(random.nextBoolean() ? 16 : 20)));
            }
            boolean expected = Pattern.compile("[a-f0-9]{16}").matcher(line).find();
            assertThat(s.fits(line.toString())).as(line.toString()).isEqualTo(expected);
        }
    }

    @Test
    void aLongRunIsFoundWhereverItStartsAndEnds() {
        // The run test jumps ahead by the run's length: runs just long enough, one short, at
        // either end of a line and next to each other must all be told right.
        String expression = "[A-Za-z0-9_.-]{40}";
        RegexShape s = RegexShape.of(expression);
        Pattern p = Pattern.compile(expression);
        Random random = new Random(29);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            while (line.length() < random.nextInt(160)) {
                int run = random.nextInt(4) == 0 ? 38 + random.nextInt(4) : random.nextInt(12);
                for (int i = 0; i < run; i++) {
                    line.append("aZ09_.-".charAt(random.nextInt(7)));
                }
                line.append(" (;\u00e9=".charAt(random.nextInt(5)));
            }
            if (random.nextBoolean() && line.length() > 0) {
                line.setLength(line.length() - 1);
            }
            assertThat(s.fits(line.toString())).as(line.toString()).isEqualTo(p.matcher(line).find());
        }
    }

    @Test
    void readsTheCharactersEveryMatchNeeds() {
        RegexShape generic = RuleSet.builtIn().rules().stream().filter(r -> r.id().equals("generic-api-key"))
                .findFirst().orElseThrow().regex().shape();
        assertThat(generic).as("the generic rule gets a needed set though its run takes spaces").isNotNull();
        assertThat(generic.min()).as("no run test").isZero();
        StringBuilder needed = new StringBuilder();
        for (char c = 0; c < 200; c++) {
            if (generic.needs(c)) {
                needed.append(c);
            }
        }
        assertThat(needed.toString()).as("an assignment's =, : or ||").isEqualTo(":=|");
        assertThat(generic.fits("String apiKey = load();")).isTrue();
        assertThat(generic.fits("    private final Token token;")).isFalse();
        assertThat(RegexShape.of("(?:ab|c)=?x")).as("a letter set under no (?i) is small enough").isNotNull();
        assertThat(RegexShape.of("(?i)(?:ab|c)=?x")).as("a letter, caselessly, is not read as two characters")
                .isNull();
        assertThat(RegexShape.of("a(?:=|:)").needs('=')).as("symbols before letters").isTrue();
        assertThat(RegexShape.of("a(?:=|:)").needs('a')).isFalse();
        assertThat(RegexShape.of("x?[=:]").needs(':')).isTrue();
        assertThat(RegexShape.of("x(?:=|)")).as("a branch that needs nothing: the branch set is not needed")
                .matches(s -> !s.needs('='));
        for (String none : List.of("(?=:)x*", "[=:]?y*", "[=:]{0}", "(?:=|y*)z*", "\s", "[^=]")) {
            assertThat(RegexShape.of(none)).as(none).isNull();
        }
    }

    @Test
    void aNeededSetNeverDropsALineItsExpressionMatches() {
        String[] atoms = {"a", "B", "=", ":", "\\|", "[=:]", "[a-c]", "[^a]", "\\s", "\\w", ".", "(?:=|:)",
            "(?:a|=)", "(?:ab|c)", "(?:x|)"};
        String[] quantifiers = {"", "", "?", "*", "+", "{2}", "{0,2}", "{1,3}", "??", "+?"};
        String[] unquantified = {"|", "\\b", "^", "$", "(?=a)", "(?!b)"};
        Random random = new Random(17);
        int matched = 0;
        int filtered = 0;
        for (int n = 0; n < 3_000; n++) {
            StringBuilder regex = new StringBuilder(random.nextInt(4) == 0 ? "(?i)" : "");
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                if (random.nextInt(4) == 0) {
                    regex.append(unquantified[random.nextInt(unquantified.length)]);
                }
                regex.append(atoms[random.nextInt(atoms.length)]);
                regex.append(quantifiers[random.nextInt(quantifiers.length)]);
            }
            RegexShape shape = RegexShape.of(regex.toString());
            Pattern pattern = Pattern.compile(regex.toString());
            for (int t = 0; t < 40; t++) {
                StringBuilder line = new StringBuilder();
                for (int i = random.nextInt(12); i > 0; i--) {
                    line.append("aAbBcx=:| \u00e9\t".charAt(random.nextInt(12)));
                }
                boolean matches = pattern.matcher(line).find();
                boolean fits = shape == null || shape.fits(line.toString());
                assertThat(fits || !matches).as("%s on '%s'", regex, line).isTrue();
                matched += matches ? 1 : 0;
                filtered += fits ? 0 : 1;
            }
        }
        assertThat(matched).as("lines that match").isGreaterThan(5_000);
        assertThat(filtered).as("lines the needed sets filter").isGreaterThan(1_000);
    }

    /** The sample's texts, the same keys inside lines of code and config, and this repository's main sources. */
    private static List<String> lines() throws IOException {
        List<String> out = new ArrayList<>();
        for (String row : Files.readAllLines(SAMPLE, StandardCharsets.UTF_8)) {
            if (row.startsWith("#") || row.isBlank()) {
                continue;
            }
            String text = row.split("\t", 3)[2];
            out.add(text);
            out.add("    String key = \"" + text + "\";");
            out.add("export TOKEN=" + text + " # é");
            out.add("{\"secret\": \"" + text + "\", \"x\": 1}");
            out.add(text.substring(0, text.length() / 2) + " " + text.substring(text.length() / 2));
            // Where the assignment rules look: YAML, properties, .env, Dockerfile, shell defaults, none at all.
            out.add("  api_key: " + text);
            out.add("db.password=" + text);
            out.add("SECRET_KEY=\"" + text + "\"");
            out.add("ENV AUTH_TOKEN " + text);
            out.add("token=${TOKEN:-" + text + "}");
            out.add("credential || " + text);
            out.add("private key " + text);
        }
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
