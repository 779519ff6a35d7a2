package dev.latchkey.core.internal.guard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pattern rule, in the gitleaks rule format's terms: a regular expression (the secret is
 * {@code secretGroup}, else the first group that matched, else the whole match), an optional
 * minimum Shannon entropy of the secret, keywords (the rule runs only on lines holding one),
 * a path filter, and allow-lists of regexes, stopwords and paths.
 */
public record PatternRule(String id, String description, Regex regex, int secretGroup, double entropy,
                   List<String> keywords, Optional<Pattern> path, Allow allow) {

    /** What a rule, or the whole rule set, lets pass. */
    record Allow(List<Regex> regexes, List<String> stopwords, List<Pattern> paths, String regexTarget) {

        static final Allow NONE = new Allow(List.of(), List.of(), List.of(), "secret");

        // Loops rather than streams: these run for each rule a line wants, and a cold JVM pays for each stream.
        boolean path(String file) {
            for (Pattern p : paths) {
                if (p.matcher(file).find()) {
                    return true;
                }
            }
            return false;
        }

        boolean secret(String secret, String match, String line) {
            String target = switch (regexTarget) {
                case "match" -> match;
                case "line" -> line;
                default -> secret;
            };
            for (Regex p : regexes) {
                if (p.pattern().matcher(target).find()) {
                    return true;
                }
            }
            String lower = secret.toLowerCase(Locale.ROOT);
            for (String w : stopwords) {
                if (lower.contains(w)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A secret this rule finds on a line: its position there, and the text. */
    record Hit(String ruleId, String description, int from, int to, String secret) {
    }

    /**
     * Adds this rule's hits on {@code line} to {@code out}, made when the first is found (most
     * lines a rule runs on hold no hit, and a cold JVM pays for each allocation); returns it.
     */
    List<Hit> find(String line, List<Hit> out) {
        RegexShape shape = regex.shape();
        if (shape != null && !shape.fits(line)) {
            return out;
        }
        Matcher m = regex.pattern().matcher(line);
        while (m.find()) {
            int group = secretGroup;
            if (group == 0) {
                for (int g = 1; g <= m.groupCount(); g++) {
                    if (m.group(g) != null) {
                        group = g;
                        break;
                    }
                }
            }
            if (group > m.groupCount() || m.group(group) == null) {
                group = 0;
            }
            String secret = m.group(group);
            if (secret.isEmpty() || (entropy > 0 && entropy(secret) < entropy)
                    || allow.secret(secret, m.group(), line)) {
                continue;
            }
            if (out == null) {
                out = new ArrayList<>();
            }
            out.add(new Hit(id, description, m.start(group), m.end(group), secret));
        }
        return out;
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        int[] counts = new int[128];
        Map<Character, Integer> other = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                if (other == null) {
                    other = new HashMap<>();
                }
                other.merge(c, 1, Integer::sum);
            }
        }
        double h = 0;
        double n = s.length();
        for (int c : counts) {
            if (c > 0) {
                h -= c / n * (Math.log(c / n) / Math.log(2));
            }
        }
        if (other != null) {
            for (int c : other.values()) {
                h -= c / n * (Math.log(c / n) / Math.log(2));
            }
        }
        return h;
    }
}
