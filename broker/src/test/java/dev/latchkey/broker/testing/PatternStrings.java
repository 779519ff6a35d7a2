package dev.latchkey.broker.testing;

import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.State;
import dk.brics.automaton.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Strings on both sides of a pattern from docs/broker-api.yaml: ones drawn at random from the
 * pattern's automaton (so every branch of an alternation turns up), and ones that break it.
 */
public final class PatternStrings {

    private static final Map<String, Automaton> AUTOMATA = new ConcurrentHashMap<>();
    /** Texts that break the document's patterns in the ways a careless client would. */
    private static final List<String> BREAKERS = List.of("", " ", "  \t ", "UPPER", " leading", "trailing ", "a b",
            "x/y/z", "Ümlaut", "-dash", ".dot", "1.5h", "PT", "P1D2H", "90", "h", "1h 30m", "soon", "../etc",
            "a".repeat(64), "é", "2026-13-45T99:00:00Z", "yesterday");

    private PatternStrings() {
    }

    /** A string that {@code pattern} finds, {@code minLength} to {@code maxLength} code points long. */
    public static String matching(String pattern, Random random, int minLength, int maxLength) {
        boolean anchored = pattern.startsWith("^") && pattern.endsWith("$");
        String body = anchored ? pattern.substring(1, pattern.length() - 1)
                : "[ -~]{0,3}(" + pattern + ")[ -~]{0,3}";
        // brics has no \S; a printable ASCII character is one kind of non-space.
        Automaton automaton = AUTOMATA.computeIfAbsent(body.replace("\\S", "[!-~]"),
                b -> new RegExp(b).toAutomaton());
        Pattern check = Pattern.compile(pattern, Pattern.UNICODE_CHARACTER_CLASS);
        for (int attempt = 0; attempt < 100; attempt++) {
            String s = walk(automaton, random, minLength, Math.min(maxLength, 48));
            int length = s.codePointCount(0, s.length());
            if (length >= minLength && length <= maxLength && check.matcher(s).find()) {
                return s;
            }
        }
        throw new IllegalStateException("no string of " + minLength + ".." + maxLength + " found for " + pattern);
    }

    /** Strings {@code pattern} does not find, each within the length limits (so the pattern is what they break). */
    public static List<String> breaking(String pattern, int minLength, int maxLength) {
        Pattern check = Pattern.compile(pattern, Pattern.UNICODE_CHARACTER_CLASS);
        return BREAKERS.stream().filter(s -> s.length() >= minLength && s.length() <= maxLength)
                .filter(s -> !check.matcher(s).find()).toList();
    }

    private static String walk(Automaton automaton, Random random, int minLength, int softMax) {
        State state = automaton.getInitialState();
        StringBuilder out = new StringBuilder();
        int target = minLength + random.nextInt(Math.max(1, softMax - minLength + 1));
        for (int step = 0; step < 200; step++) {
            List<Transition> moves = new ArrayList<>(state.getTransitions());
            boolean enough = out.length() >= target || (out.length() >= minLength && random.nextInt(5) == 0);
            if (state.isAccept() && (enough || moves.isEmpty())) {
                return out.toString();
            }
            if (moves.isEmpty()) {
                return "";
            }
            Transition t = moves.get(random.nextInt(moves.size()));
            out.append((char) (t.getMin() + random.nextInt(t.getMax() - t.getMin() + 1)));
            state = t.getDest();
        }
        return "";
    }
}
