package dev.latchkey.core.internal.guard;

import java.util.regex.Pattern;

/**
 * A rule's regular expression (in Java's syntax), compiled when a line first needs it: a commit
 * seldom holds the keywords of more than a few rules, and a cold JVM pays for each compilation.
 * A rule file's own expressions are compiled as it loads (a mistake is said then); the built-in
 * ones are known to compile (their test compiles each).
 */
final class Regex {

    private final String java;
    private volatile Pattern pattern;
    private volatile RegexShape shape;
    private volatile boolean shaped;

    private Regex(String java, Pattern pattern) {
        this.java = java;
        this.pattern = pattern;
    }

    /** An expression compiled already. */
    static Regex compiled(Pattern pattern) {
        return new Regex(pattern.pattern(), pattern);
    }

    /** Compiled on first use; for expressions known to compile. */
    static Regex later(String java) {
        return new Regex(java, null);
    }

    /** Compiled on first use, with its shape read before (the built-in rules' table). */
    static Regex later(String java, RegexShape shape) {
        Regex r = new Regex(java, null);
        r.shape = shape;
        r.shaped = true;
        return r;
    }

    /** The expression in Java's syntax. */
    String java() {
        return java;
    }

    Pattern pattern() {
        Pattern p = pattern;
        if (p == null) {
            p = Pattern.compile(java);
            pattern = p;
        }
        return p;
    }

    /** What every match looks like ({@link RegexShape}), or null when that says nothing useful. */
    RegexShape shape() {
        if (!shaped) {
            shape = RegexShape.of(java);
            shaped = true;
        }
        return shape;
    }

    @Override
    public String toString() {
        return java;
    }
}
