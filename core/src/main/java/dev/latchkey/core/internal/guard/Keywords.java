package dev.latchkey.core.internal.guard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which rules a line needs, from their keywords (gitleaks' pre-filter: a rule runs only on lines
 * holding one of its keywords, case-insensitively), found in one pass over the line. Each
 * keyword is filed under its first two characters, so a position of the line costs one table
 * look-up however many rules there are; asking each rule in turn cost more than running the
 * rules that matched.
 */
public final class Keywords {

    private static final int ASCII = 128;

    private final int rules;
    private final boolean[] always;
    /** Keyword texts (lower case) and the rules each belongs to. */
    private final String[] words;
    private final int[][] owners;
    /** Keywords by their first two characters, when both are ASCII: {@code [c0 * 128 + c1]}. */
    private final int[][] byPair = new int[ASCII * ASCII][];
    /** Keywords of one character, or starting outside ASCII: looked for the slow way. */
    private final int[] other;
    /** The rules that run on every line (they have no keyword, or an empty one), ascending. */
    private final int[] alwaysRules;

    Keywords(List<List<String>> keywordsByRule) {
        rules = keywordsByRule.size();
        always = new boolean[rules];
        Map<String, List<Integer>> byWord = new LinkedHashMap<>();
        for (int r = 0; r < rules; r++) {
            List<String> k = keywordsByRule.get(r);
            if (k.isEmpty()) {
                always[r] = true;
            }
            for (String w : k) {
                String lower = w.toLowerCase(Locale.ROOT);
                List<Integer> rulesOfWord = byWord.get(lower);
                if (rulesOfWord == null) {
                    rulesOfWord = new ArrayList<>();
                    byWord.put(lower, rulesOfWord);
                }
                rulesOfWord.add(r);
            }
        }
        // Loops, not streams: each lambda costs a cold JVM its own bootstrap.
        words = new String[byWord.size()];
        owners = new int[byWord.size()][];
        int at = 0;
        for (Map.Entry<String, List<Integer>> e : byWord.entrySet()) {
            words[at] = e.getKey();
            owners[at] = new int[e.getValue().size()];
            for (int k = 0; k < owners[at].length; k++) {
                owners[at][k] = e.getValue().get(k);
            }
            at++;
        }
        List<Integer> slow = new ArrayList<>();
        for (int w = 0; w < words.length; w++) {
            String word = words[w];
            if (word.isEmpty()) {
                for (int r : owners[w]) {
                    always[r] = true; // an empty keyword is in every line
                }
            } else if (word.length() >= 2 && word.charAt(0) < ASCII && word.charAt(1) < ASCII) {
                int slot = word.charAt(0) * ASCII + word.charAt(1);
                int[] old = byPair[slot] == null ? new int[0] : byPair[slot];
                int[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = w;
                byPair[slot] = grown;
            } else {
                slow.add(w);
            }
        }
        other = new int[slow.size()];
        for (int k = 0; k < other.length; k++) {
            other[k] = slow.get(k);
        }
        int count = 0;
        for (boolean a : always) {
            count += a ? 1 : 0;
        }
        alwaysRules = new int[count];
        for (int r = 0, k = 0; r < rules; r++) {
            if (always[r]) {
                alwaysRules[k++] = r;
            }
        }
    }

    /** Sets {@code wanted[r]} for each rule {@code r} that must run on {@code line}. */
    void wanted(String line, boolean[] wanted) {
        wanted(line, 0, wanted);
    }

    /**
     * Where the first keyword of any rule starts on {@code line}, or -1 when the line holds none:
     * most lines hold none, and then only the {@link #alwaysRules} run on them, without the
     * table of wanted rules being filled.
     */
    int first(String line) {
        return other.length > 0 ? 0 : pairs(line, 0, null);
    }

    /**
     * The rules that run on every line, ascending: on a line {@link #first} finds no keyword in,
     * the only rules {@link #wanted} would mark. Shared, not copied: callers only read it.
     */
    int[] alwaysRules() {
        return alwaysRules;
    }

    /**
     * {@link #wanted}, given that no keyword starts before {@code from} (as {@link #first} found).
     * Every slot of {@code wanted} is written, so the caller can hand the same array line after line.
     */
    void wanted(String line, int from, boolean[] wanted) {
        System.arraycopy(always, 0, wanted, 0, rules);
        pairs(line, from, wanted);
        if (other.length > 0) {
            String lowerLine = line.toLowerCase(Locale.ROOT);
            for (int w : other) {
                if (lowerLine.contains(words[w])) {
                    mark(w, wanted);
                }
            }
        }
    }

    /**
     * The pair-table pass from {@code from}: marks the rules of each keyword found in
     * {@code wanted}, or, given none, answers where the first keyword starts (-1 for nowhere).
     * One loop for both, so a cold JVM compiles it once.
     */
    private int pairs(String line, int from, boolean[] wanted) {
        int n = line.length();
        char c0 = from < n ? lowerPair(line.charAt(from)) : 0;
        for (int i = from; i + 1 < n; i++) {
            // ASCII's lower case from a table in the loop: C1 inlines no method of more than 35
            // bytes of bytecode, and lowerPair's call for each character was a good part of the pass.
            char c = line.charAt(i + 1);
            char c1 = c < ASCII ? LOWER_ASCII[c] : pairBeyondAscii(c);
            if (c0 < ASCII && c1 < ASCII) {
                int[] candidates = byPair[c0 * ASCII + c1];
                if (candidates != null) {
                    for (int w : candidates) {
                        if (at(line, i, words[w])) {
                            if (wanted == null) {
                                return i;
                            }
                            mark(w, wanted);
                        }
                    }
                }
            }
            c0 = c1;
        }
        return -1;
    }

    private void mark(int word, boolean[] wanted) {
        for (int r : owners[word]) {
            wanted[r] = true;
        }
    }

    private static boolean at(String line, int from, String word) {
        if (from + word.length() > line.length()) {
            return false;
        }
        for (int k = 2; k < word.length(); k++) {
            if (lower(line.charAt(from + k)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A line's character in lower case, to compare with a keyword's (ASCII the way {@link #lowerPair} does it). */
    private static char lower(char c) {
        return c < ASCII ? lowerPair(c) : Character.toLowerCase(c);
    }

    /**
     * {@link #lower}, where only an ASCII answer matters (a position's pair of characters): the
     * only characters outside ASCII whose lower case is ASCII are the Kelvin sign and the dotted
     * capital I, and asking {@link Character#toLowerCase} for each of the others (a dash or an
     * arrow in a comment) was a good part of this pass's time. Characters outside ASCII are
     * {@link #pairBeyondAscii}'s, so that this method stays under the 35 bytes of code C1 (the
     * hook's only compiler) inlines: {@link #lower} runs it for each character of a keyword's
     * rest ({@link #pairs} reads ASCII from {@link #LOWER_ASCII}).
     */
    private static char lowerPair(char c) {
        if (c < ASCII) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return pairBeyondAscii(c);
    }

    /** {@link #lowerPair} of a character outside ASCII. */
    private static char pairBeyondAscii(char c) {
        return c == '\u212a' ? 'k' : c == '\u0130' ? 'i' : NOT_ASCII;
    }

    /** The lower case of each ASCII character. */
    private static final char[] LOWER_ASCII = new char[ASCII];

    static {
        for (char c = 0; c < ASCII; c++) {
            LOWER_ASCII[c] = lowerPair(c);
        }
    }

    /** What {@link #lowerPair} gives a character whose lower case is outside ASCII. */
    private static final char NOT_ASCII = '\uffff';
}
