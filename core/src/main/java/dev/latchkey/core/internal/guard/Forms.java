package dev.latchkey.core.internal.guard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The common ways a received value ends up in a file: as is, base64, URL-encoded, hex, JSON-escaped. */
public final class Forms {

    private static final Pattern URL_PASSWORD = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/@:\\s]*:([^@\\s/]+)@");
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]+-----\\R?(.*?)-----END [A-Z0-9 ]+-----",
            Pattern.DOTALL);

    private Forms() {
    }

    /** Every distinct form of {@code value}, the plain one first. */
    static List<Form> of(String value) {
        int[] secret = secretSpan(value);
        int s = secret[0];
        int e = secret[1];
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int bs = utf8Length(value.substring(0, s));
        int be = utf8Length(value.substring(0, e));
        List<Form> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        add(out, seen, new Form(Encoding.PLAIN, value, s, e, true));
        String json = json(value);
        add(out, seen, new Form(Encoding.JSON, json, json(value.substring(0, s)).length(),
                json(value.substring(0, e)).length(), true));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        add(out, seen, new Form(Encoding.URL, url, URLEncoder.encode(value.substring(0, s), StandardCharsets.UTF_8).length(),
                URLEncoder.encode(value.substring(0, e), StandardCharsets.UTF_8).length(), true));
        String url20 = url.replace("+", "%20");
        add(out, seen, new Form(Encoding.URL, url20, 0, url20.length(), true));
        int b64s = bs / 3 * 4;
        int b64e = (be + 2) / 3 * 4;
        String b64 = Base64.getEncoder().encodeToString(bytes);
        add(out, seen, new Form(Encoding.BASE64, b64, b64s, b64e, true));
        add(out, seen, new Form(Encoding.BASE64, strip(b64), b64s, Math.min(b64e, strip(b64).length()), true));
        String b64u = Base64.getUrlEncoder().encodeToString(bytes);
        add(out, seen, new Form(Encoding.BASE64_URL, b64u, b64s, b64e, true));
        add(out, seen, new Form(Encoding.BASE64_URL, strip(b64u), b64s, Math.min(b64e, strip(b64u).length()), true));
        String hex = HexFormat.of().formatHex(bytes);
        add(out, seen, new Form(Encoding.HEX, hex, 2 * bs, 2 * be, true));
        add(out, seen, new Form(Encoding.HEX, hex.toUpperCase(Locale.ROOT), 2 * bs, 2 * be, true));
        return out;
    }

    /** The part of a value that is secret: a URL's password, a PEM block's body, else all of it. */
    static int[] secretSpan(String value) {
        Matcher url = URL_PASSWORD.matcher(value);
        if (url.find()) {
            return new int[] {url.start(1), url.end(1)};
        }
        Matcher pem = PEM.matcher(value);
        if (pem.find() && pem.end(1) > pem.start(1)) {
            return new int[] {pem.start(1), pem.end(1)};
        }
        return new int[] {0, value.length()};
    }

    /** The password of a URL value, recorded as a value of its own; empty when there is none. */
    static String urlPassword(String value) {
        Matcher url = URL_PASSWORD.matcher(value);
        return url.find() ? url.group(1) : "";
    }

    public static String json(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static void add(List<Form> out, Set<String> seen, Form f) {
        if (seen.add(f.text())) {
            out.add(f);
        }
    }

    private static String strip(String b64) {
        int end = b64.length();
        while (end > 0 && b64.charAt(end - 1) == '=') {
            end--;
        }
        return b64.substring(0, end);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
