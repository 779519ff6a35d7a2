package dev.latchkey.core.agent;

import dev.latchkey.core.guard.Finding;
import dev.latchkey.core.guard.ScanReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answer to {@code POST /v1/guard/staged} (docs/agent.md): a scan report as lines of
 * tab-separated fields, each field with {@code %}, tab, CR and LF escaped as {@code %25 %09 %0D
 * %0A}. A text format rather than JSON, so the hook's JVM reads it with the JDK alone:
 *
 * <pre>
 * latchkey-guard-scan 1
 * fingerprints  on|off  STATE
 * counted       FILES  LINES
 * note          TEXT                                  (any number)
 * finding       PATH  LINE  KIND  NAME  DETAIL  FINGERPRINT  BROKER   (any number; BROKER may be empty)
 * </pre>
 *
 * A finding names a reference or a rule, a file and a line; never a value.
 */
final class GuardScanAnswer {

    static final String CONTENT_TYPE = "text/tab-separated-values; charset=utf-8";
    private static final String FIRST = "latchkey-guard-scan 1";

    private GuardScanAnswer() {
    }

    static String write(ScanReport r) {
        StringBuilder b = new StringBuilder(FIRST).append('\n');
        row(b, "fingerprints", r.fingerprintsOn() ? "on" : "off", r.fingerprints());
        row(b, "counted", Integer.toString(r.files()), Long.toString(r.lines()));
        for (String note : r.notes()) {
            row(b, "note", note);
        }
        for (Finding f : r.findings()) {
            row(b, "finding", f.path(), Integer.toString(f.line()), f.kind().name(), f.name(), f.detail(),
                    f.fingerprint(), f.broker().orElse(""));
        }
        return b.toString();
    }

    /**
     * The report in {@code text}.
     *
     * @throws IllegalArgumentException when it is not an answer of this version
     */
    static ScanReport read(String text) {
        String[] lines = text.split("\n");
        if (lines.length < 3 || !lines[0].equals(FIRST)) {
            throw new IllegalArgumentException("not a guard scan answer of version 1");
        }
        String state = null;
        boolean on = false;
        int files = -1;
        long count = -1;
        List<String> notes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            for (int k = 0; k < f.length; k++) {
                f[k] = unescape(f[k]);
            }
            switch (f[0]) {
                case "fingerprints" -> {
                    fields(f, 3);
                    on = f[1].equals("on");
                    state = f[2];
                }
                case "counted" -> {
                    fields(f, 3);
                    files = Integer.parseInt(f[1]);
                    count = Long.parseLong(f[2]);
                }
                case "note" -> {
                    fields(f, 2);
                    notes.add(f[1]);
                }
                case "finding" -> {
                    fields(f, 8);
                    findings.add(new Finding(f[1], Integer.parseInt(f[2]), Optional.empty(), Finding.Kind.valueOf(f[3]),
                            f[4], f[5], f[6], f[7].isEmpty() ? Optional.empty() : Optional.of(f[7]), false));
                }
                default -> throw new IllegalArgumentException("an unknown line in a guard scan answer");
            }
        }
        if (state == null || files < 0 || count < 0) {
            throw new IllegalArgumentException("a guard scan answer without its counts");
        }
        return new ScanReport(findings, notes, state, on, files, count);
    }

    private static void fields(String[] f, int n) {
        if (f.length != n) {
            throw new IllegalArgumentException("a guard scan answer's " + f[0] + " line has " + f.length + " fields, not " + n);
        }
    }

    private static void row(StringBuilder b, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            escape(b, fields[i]);
        }
        b.append('\n');
    }

    private static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> b.append("%25");
                case '\t' -> b.append("%09");
                case '\r' -> b.append("%0D");
                case '\n' -> b.append("%0A");
                default -> b.append(c);
            }
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("a cut escape in a guard scan answer");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
