package dev.latchkey.core.internal.launch.mask;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The byte patterns to hide in a child's output: each value and its common encodings
 * (base64 with and without padding, URL-safe base64, base64 wrapped as coreutils {@code base64}
 * (76 columns) and PEM / {@code openssl base64} (64 columns) print it, hex in either case and as
 * {@code xxd -p} wraps it (60 columns), URL encoding), each replaced by {@code <latchkey:NAME>}.
 *
 * <p>Values shorter than {@link #MIN_LENGTH} bytes are not masked: hiding every "on" or "42"
 * would garble ordinary output. {@link #tooShortToMask()} names them so a launch can say so.
 */
public final class SecretMask {

    /** The shortest value that is masked, in bytes. */
    public static final int MIN_LENGTH = 4;

    private final List<Pattern> patterns;
    private final List<List<Pattern>> byFirstByte;
    private final int longest;
    private final Set<String> tooShort;

    /** A byte sequence and what replaces it. */
    record Pattern(byte[] bytes, byte[] replacement) {
    }

    private SecretMask(List<Pattern> patterns, Set<String> tooShort) {
        this.patterns = List.copyOf(patterns);
        this.tooShort = Collections.unmodifiableSet(tooShort);
        this.byFirstByte = new ArrayList<>(256);
        for (int b = 0; b < 256; b++) {
            byFirstByte.add(new ArrayList<>(1));
        }
        int max = 0;
        for (Pattern p : patterns) {
            byFirstByte.get(p.bytes()[0] & 0xff).add(p);
            max = Math.max(max, p.bytes().length);
        }
        this.longest = max;
    }

    /** A mask that hides nothing, for {@code --no-mask}. */
    public static SecretMask none() {
        return new SecretMask(List.of(), Set.of());
    }

    /** A mask for these values, by the name shown in their place (usually the variable). */
    public static SecretMask of(Map<String, String> valuesByName) {
        Map<String, byte[]> seen = new LinkedHashMap<>();
        List<Pattern> patterns = new ArrayList<>();
        Set<String> tooShort = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : valuesByName.entrySet()) {
            byte[] raw = e.getValue().getBytes(StandardCharsets.UTF_8);
            if (raw.length < MIN_LENGTH) {
                tooShort.add(e.getKey());
                continue;
            }
            byte[] replacement = ("<latchkey:" + e.getKey() + ">").getBytes(StandardCharsets.UTF_8);
            for (String form : forms(e.getValue())) {
                if (!seen.containsKey(form)) {
                    byte[] bytes = form.getBytes(StandardCharsets.UTF_8);
                    seen.put(form, bytes);
                    patterns.add(new Pattern(bytes, replacement));
                }
            }
        }
        return new SecretMask(patterns, tooShort);
    }

    /** A mask that hides what this one hides and what {@code other} hides. */
    public SecretMask and(SecretMask other) {
        if (other.patterns.isEmpty() && other.tooShort.isEmpty()) {
            return this;
        }
        List<Pattern> all = new ArrayList<>(patterns);
        all.addAll(other.patterns);
        Set<String> shortOnes = new LinkedHashSet<>(tooShort);
        shortOnes.addAll(other.tooShort);
        return new SecretMask(all, shortOnes);
    }

    private static Set<String> forms(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        Set<String> forms = new LinkedHashSet<>();
        forms.add(value);
        String b64 = Base64.getEncoder().encodeToString(utf8);
        forms.add(b64);
        forms.add(b64.replaceAll("=+$", ""));
        String b64url = Base64.getUrlEncoder().encodeToString(utf8);
        forms.add(b64url);
        forms.add(b64url.replaceAll("=+$", ""));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.add(url);
        forms.add(url.replace("+", "%20"));
        String hex = HexFormat.of().formatHex(utf8);
        forms.add(hex);
        forms.add(hex.toUpperCase(Locale.ROOT));
        // Wrapped forms: a program that pipes the value through base64 or xxd prints these. A
        // terminal (a PTY launch) turns each line break into CR LF, so both are hidden.
        for (String eol : List.of("\n", "\r\n")) {
            forms.add(wrap(b64, 76, eol));
            forms.add(wrap(b64, 64, eol));
            forms.add(wrap(hex, 60, eol));
        }
        return forms;
    }

    /** {@code text} broken into lines of {@code width}, as encoders print it (no break after the last line). */
    static String wrap(String text, int width, String eol) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / width * eol.length());
        for (int i = 0; i < text.length(); i += width) {
            if (i > 0) {
                out.append(eol);
            }
            out.append(text, i, Math.min(text.length(), i + width));
        }
        return out.toString();
    }

    /** True when there is nothing to hide. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Names whose values were too short to mask. */
    public Set<String> tooShortToMask() {
        return tooShort;
    }

    int longest() {
        return longest;
    }

    List<Pattern> startingWith(byte b) {
        return byFirstByte.get(b & 0xff);
    }

    /** Masks a whole string at once (arguments before they go to the launch log, messages). */
    public String apply(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MaskingOutputStream m = new MaskingOutputStream(out, this)) {
            m.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecretMask[" + patterns.size() + " patterns]";
    }
}
