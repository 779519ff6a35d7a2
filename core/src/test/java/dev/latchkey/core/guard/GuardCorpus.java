package dev.latchkey.core.guard;

import dev.latchkey.core.internal.guard.Forms;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A corpus of received values written into files the way developers leak them: plain, base64,
 * URL-encoded, hex, JSON-escaped, split over lines, inside JSON, YAML, .env, properties,
 * Dockerfile and shell files, and inside a base64-encoded .env. Each case is one file, so a
 * scan's findings can be checked case by case. Values are random: nothing here is a real secret.
 */
final class GuardCorpus {

    /** One file that must produce a finding naming {@code label}. */
    record Case(String file, String label, String shape, String format) {
    }

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String SYMBOLS = ALNUM + "!#%&*+-./:;<>?@^_~";

    private final Random random;

    GuardCorpus(long seed) {
        this.random = new Random(seed);
    }

    /** Values of the shapes secrets come in, by label. */
    Map<String, String> values(int perShape) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < perShape; i++) {
            out.put("latchkey://corpus/dev/api-key-" + i, "ak_" + text(ALNUM, 40));
            out.put("latchkey://corpus/dev/hex-token-" + i, HexFormat.of().formatHex(bytes(16)));
            out.put("latchkey://corpus/dev/b64-secret-" + i, Base64.getEncoder().encodeToString(bytes(33)));
            out.put("latchkey://corpus/dev/db-url-" + i, "postgresql://app_" + i + ":" + text(ALNUM, 14)
                    + "@db.internal.example:5432/app");
            out.put("latchkey://corpus/dev/password-" + i, text(SYMBOLS, 18));
            out.put("latchkey://corpus/dev/short-pw-" + i, text(ALNUM, 10));
            out.put("latchkey://corpus/dev/jwt-" + i, "eyJhbGciOiJIUzI1NiJ9." + b64url(bytes(60)) + "." + b64url(bytes(32)));
            out.put("latchkey://corpus/dev/pem-" + i, pem(bytes(600)));
        }
        return out;
    }

    /** Writes every case for {@code values} under {@code dir}; returns them. */
    List<Case> write(Path dir, Map<String, String> values) throws IOException {
        List<Case> cases = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String label = e.getKey();
            String v = e.getValue();
            String shape = label.substring(label.lastIndexOf('/') + 1).replaceAll("-\\d+$", "");
            boolean oneLine = !v.contains("\n");
            Map<String, String> files = new LinkedHashMap<>();
            if (oneLine) {
                files.put("plain.env", "APP_SECRET=" + v + "\n");
                files.put("config.json", "{\n  \"name\": \"svc\",\n  \"secret\": \"" + Forms.json(v) + "\"\n}\n");
                files.put("values.yaml", "service:\n  name: svc\n  secret: \"" + v + "\"\n");
                files.put("app.properties", "app.name=svc\napp.secret=" + v.replace(":", "\\:") .replace("\\:", ":") + "\n");
                files.put("Dockerfile", "FROM alpine:3\nENV APP_SECRET=\"" + v + "\"\nCMD [\"/app\"]\n");
                files.put("run.sh", "#!/bin/sh\nexport APP_SECRET='" + v + "'\nexec ./app\n");
                files.put("query.txt", "curl 'https://api.example/v1?token=" + URLEncoder.encode(v, StandardCharsets.UTF_8)
                        + "&x=1'\n");
                files.put("hex.conf", "key_hex = " + HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8)) + "\n");
                files.put("HEX.conf", "KEY_HEX=" + HexFormat.of().formatHex(v.getBytes(StandardCharsets.UTF_8))
                        .toUpperCase(Locale.ROOT) + "\n");
            }
            String b64 = Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
            files.put("secret.yaml", "apiVersion: v1\nkind: Secret\ndata:\n  secret: " + b64 + "\n");
            files.put("b64url.txt", "token=" + b64url(v.getBytes(StandardCharsets.UTF_8)) + "\n");
            files.put("wrapped-b64.txt", wrap(b64, 64));
            files.put("env-in-b64.yaml", "data:\n  env: " + Base64.getEncoder().encodeToString(
                    ("A=1\nSECRET=" + v + "\nB=2\n").getBytes(StandardCharsets.UTF_8)) + "\n");
            if (oneLine && v.length() >= 36) {
                int half = v.length() / 2;
                files.put("Split.java", "class C {\n  String s = \"" + v.substring(0, half) + "\" +\n      \""
                        + v.substring(half) + "\";\n}\n");
                files.put("split.sh", "export S=" + v.substring(0, half) + "\\\n" + v.substring(half) + "\n");
            }
            if (!oneLine) {
                files.put("key.pem", v + "\n");
                files.put("key.json", "{\"private_key\": \"" + Forms.json(v) + "\"}\n");
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                String name = String.format(Locale.ROOT, "%05d-%s-%s", n++, shape, f.getKey());
                Files.writeString(dir.resolve(name), f.getValue(), StandardCharsets.UTF_8);
                cases.add(new Case(name, label, shape, f.getKey()));
            }
        }
        return cases;
    }

    private String text(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String b64url(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String pem(byte[] body) {
        return "-----BEGIN PRIVATE KEY-----\n" + wrap(Base64.getEncoder().encodeToString(body), 64)
                + "-----END PRIVATE KEY-----";
    }

    private static String wrap(String s, int width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i += width) {
            b.append(s, i, Math.min(s.length(), i + width)).append('\n');
        }
        return b.toString();
    }
}
