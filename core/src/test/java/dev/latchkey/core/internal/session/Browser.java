package dev.latchkey.core.internal.session;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The person at the browser, for the dev IdP: posts its verification form over real HTTP. */
public final class Browser {

    private static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

    private Browser() {
    }

    /** Approves {@code userCode} as demo user {@code user}. */
    public static void approve(URI broker, String userCode, String user) {
        post(broker, new FormBody.Builder().add("user_code", userCode).add("user", user).build());
    }

    /** Declines {@code userCode}. */
    public static void deny(URI broker, String userCode) {
        post(broker, new FormBody.Builder().add("user_code", userCode).add("action", "deny").build());
    }

    private static void post(URI broker, FormBody form) {
        Request r = new Request.Builder().url(broker + "/dev-idp/device").post(form).build();
        try (Response response = HTTP.newCall(r).execute()) {
            if (response.code() != 200) {
                throw new AssertionError("the dev IdP's verification page answered " + response.code());
            }
        } catch (IOException e) {
            throw new AssertionError("cannot reach the dev IdP", e);
        }
    }
}
