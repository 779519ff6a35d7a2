package dev.latchkey.testsupport.keycloak;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The person at the browser, for Keycloak: opens the verification link, fills in the login form,
 * then accepts or declines the consent page, as a browser would (cookies, redirects, form posts).
 */
public final class KeycloakBrowser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<(?:input|button)\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR = Pattern.compile("(\\w[\\w-]*)\\s*=\\s*\"([^\"]*)\"");

    private final OkHttpClient http;
    private final List<String> pages = new ArrayList<>();

    public KeycloakBrowser() {
        Map<String, List<Cookie>> jar = new LinkedHashMap<>();
        this.http = new OkHttpClient.Builder()
                .callTimeout(Duration.ofSeconds(20))
                .cookieJar(new CookieJar() {
                    @Override
                    public synchronized void saveFromResponse(HttpUrl url, List<Cookie> cookies) {
                        List<Cookie> kept = jar.computeIfAbsent(url.host(), h -> new ArrayList<>());
                        for (Cookie c : cookies) {
                            kept.removeIf(old -> old.name().equals(c.name()) && old.path().equals(c.path()));
                            kept.add(c);
                        }
                    }

                    @Override
                    public synchronized List<Cookie> loadForRequest(HttpUrl url) {
                        // Keycloak marks its cookies Secure even on http://127.0.0.1, which browsers treat
                        // as a secure context; match as if the loopback URL were https.
                        HttpUrl asBrowser = url.newBuilder().scheme("https").build();
                        return jar.getOrDefault(url.host(), List.of()).stream().filter(c -> c.matches(asBrowser)).toList();
                    }
                })
                .build();
    }

    /** Signs in at {@code link} as a test user of the realm (password {@code <user>-test-password}) and consents. */
    public void signIn(URI link, String user) throws IOException {
        signIn(link, user, user + "-test-password", true);
    }

    /** Signs in at {@code link} as {@code user} and then approves ({@code consent}) or declines. */
    public void signIn(URI link, String user, String password, boolean consent) throws IOException {
        Page page = get(link.toString());
        for (int step = 0; step < 6; step++) {
            Map<String, String> inputs = page.inputs();
            if (inputs.containsKey("username") && inputs.containsKey("password")) {
                inputs.put("username", user);
                inputs.put("password", password);
                inputs.remove("cancel");
                page = post(page.action(), inputs);
            } else if (inputs.containsKey("accept") || inputs.containsKey("cancel")) {
                if (consent) {
                    inputs.remove("cancel");
                } else {
                    inputs.remove("accept");
                }
                page = post(page.action(), inputs);
            } else if (inputs.containsKey("device_user_code")) {
                page = post(page.action(), inputs);
            } else {
                return;
            }
        }
        throw new AssertionError("Keycloak's pages did not end in 6 steps; pages seen: " + pages.size());
    }

    private record Page(String action, Map<String, String> inputs) {
    }

    private Page get(String url) throws IOException {
        try (Response r = http.newCall(new Request.Builder().url(url).build()).execute()) {
            return parse(r);
        }
    }

    private Page post(String url, Map<String, String> fields) throws IOException {
        FormBody.Builder form = new FormBody.Builder();
        fields.forEach(form::add);
        try (Response r = http.newCall(new Request.Builder().url(url).post(form.build()).build()).execute()) {
            return parse(r);
        }
    }

    private Page parse(Response r) throws IOException {
        String html = r.body().string();
        pages.add(html);
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            return new Page("", new LinkedHashMap<>());
        }
        // Keycloak writes some actions relative to the page, as a browser would resolve them.
        HttpUrl resolved = r.request().url().resolve(form.group(1).replace("&amp;", "&"));
        String action = resolved == null ? form.group(1) : resolved.toString();
        Map<String, String> inputs = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            Map<String, String> attrs = new LinkedHashMap<>();
            Matcher a = ATTR.matcher(input.group(1));
            while (a.find()) {
                attrs.put(a.group(1).toLowerCase(Locale.ROOT), a.group(2).replace("&amp;", "&"));
            }
            if (attrs.containsKey("name")) {
                inputs.put(attrs.get("name"), attrs.getOrDefault("value", ""));
            }
        }
        return new Page(action, inputs);
    }
}
