import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.Keychains;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The floors under bench/startup.sh's CLI rows: only the work a row cannot do without, in a JVM
 * started as ./latchkey starts its own (same options, class path and AOT cache). The gap between a
 * row and its floor is what Latchkey adds.
 *   run CMD...               start CMD with its output through pipes (as run copies it to mask it), wait, exit with its code
 *   status URL               read the session's access token from the keychain (the current-user
 *                            pointer, then the token: docs/keychains.md) and GET URL/v1/me with it
 *   refs URL FILE CMD...     the same read, one POST URL/v1/secrets:resolve for FILE's references,
 *                            then CMD with the values in its environment, as `run`
 * Values are never printed; the JSON is read with patterns (no JSON library) to keep the floor low.
 */
public final class Floor {
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]*)\"");

    public static void main(String[] a) throws Exception {
        List<String> args = Arrays.asList(a);
        int code = switch (a[0]) {
            case "run" -> run(args.subList(1, a.length), Map.of());
            case "status" -> {
                call(a[1], "GET", "/v1/me", token(a[1]), null);
                yield 0;
            }
            case "refs" -> refs(a[1], Path.of(a[2]), args.subList(3, a.length));
            default -> throw new IllegalArgumentException("floor: run, status or refs");
        };
        System.exit(code);
    }

    private static int refs(String url, Path file, List<String> command) throws Exception {
        List<String> names = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"refs\":[");
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                body.append(names.isEmpty() ? "" : ",").append('"').append(line.substring(eq + 1)).append('"');
                names.add(line.substring(0, eq));
            }
        }
        String answer = call(url, "POST", "/v1/secrets:resolve", token(url), body.append("]}").toString());
        Matcher m = VALUE.matcher(answer);
        Map<String, String> env = new HashMap<>();
        for (String name : names) {
            if (!m.find()) {
                throw new IllegalStateException("floor: fewer values than references");
            }
            env.put(name, m.group(1));
        }
        return run(command, env);
    }

    private static String token(String url) throws Exception {
        CredentialStore keychain = Keychains.reader();
        String service = CredentialKey.serviceOf(URI.create(url));
        String subject = keychain.read(new CredentialKey(service, "current-user/" + System.getProperty("user.name")))
                .orElseThrow(() -> new IllegalStateException("floor: nobody signed in"));
        String access = keychain.read(new CredentialKey(service, subject + "/access-token"))
                .orElseThrow(() -> new IllegalStateException("floor: no access token"));
        Matcher m = TOKEN.matcher(access);
        if (!m.find()) {
            throw new IllegalStateException("floor: no token in the access-token entry");
        }
        return m.group(1);
    }

    private static String call(String url, String method, String path, String token, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url + path).toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        c.setRequestMethod(method);
        c.setRequestProperty("Authorization", "Bearer " + token);
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (c.getResponseCode() != 200) {
            throw new IllegalStateException("floor: " + method + " " + path + " answered " + c.getResponseCode());
        }
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        Thread out = Thread.ofPlatform().start(() -> copy(p.getInputStream(), System.out));
        Thread err = Thread.ofPlatform().start(() -> copy(p.getErrorStream(), System.err));
        int code = p.waitFor();
        out.join();
        err.join();
        return code;
    }

    private static void copy(InputStream in, OutputStream to) {
        try (in) {
            in.transferTo(to);
            to.flush();
        } catch (IOException e) {
            throw new IllegalStateException("floor: copying the child's output", e);
        }
    }
}
