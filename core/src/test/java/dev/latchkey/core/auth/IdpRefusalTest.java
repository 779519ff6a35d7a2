package dev.latchkey.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.core.Session;
import dev.latchkey.core.internal.auth.IdpError;
import dev.latchkey.core.internal.auth.IdpErrors;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An IdP's refusal reaches the person whole: its code, its own words (made safe) and what to do. */
class IdpRefusalTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path locks;

    @Test
    void keycloaksOfflineRefusalNamesTheCodeTheDescriptionAndTheOfflineAccessHint() throws Exception {
        IdpRefusedException e = signInAnswered(
                "{\"error\":\"not_allowed\",\"error_description\":\"Offline tokens not allowed for the user or client\"}");

        assertThat(e.refusal()).contains("refused the device sign-in: not_allowed "
                + "(\"Offline tokens not allowed for the user or client\")");
        assertThat(e.hint()).isEqualTo("the IdP does not allow offline access for you or for client latchkey; ask its "
                + "administrator, or the broker's operator to turn offline access off");
        assertThat(e.getMessage()).isEqualTo(e.refusal() + "; " + e.hint());
    }

    @Test
    void aRefusalWithoutDescriptionStillNamesItsCode() throws Exception {
        IdpRefusedException e = signInAnswered("{\"error\":\"invalid_client\"}");
        assertThat(e.refusal()).endsWith("refused the device sign-in: invalid_client");
        assertThat(e.hint()).contains("does not know client latchkey", "docs/deploy.md");
    }

    @Test
    void keycloaksConsentRaceSaysToSignInOnceMoreBeforeBlamingTheScopes() throws Exception {
        // Keycloak can approve a device code before its own transaction has stored the user's consent;
        // the poll that lands in between is answered invalid_scope and the code is spent.
        IdpRefusedException e = signInAnswered(
                "{\"error\":\"invalid_scope\",\"error_description\":\"Client no longer has requested consent from user\"}");

        assertThat(e.refusal()).endsWith("invalid_scope (\"Client no longer has requested consent from user\")");
        assertThat(e.hint()).startsWith("the IdP refused the scopes the broker asks for (")
                .contains("if you approved a moment ago, sign in once more",
                        "if it repeats, ask the broker's operator to check the scopes against client latchkey");
    }

    @Test
    void descriptionsAreOneLineWithoutControlsAndCapped() {
        String hostile = "line one\r\n\u001b[31mred\u001b[0m \u202Eevil\u202C " + "x ".repeat(400);
        IdpError e = IdpErrors.from(JSON.createObjectNode().put("error", "server_error").put("error_description", hostile),
                List.of());
        String d = e.description().orElseThrow();
        assertThat(d).startsWith("line one [31mred [0m evil x x").doesNotContain("\n", "\r", "\u001b", "\u202E")
                .endsWith("...");
        assertThat(d.length()).isLessThanOrEqualTo(IdpError.MAX_DESCRIPTION + 3);
        assertThat(e.hint("latchkey", "openid")).contains("try again in a minute");
    }

    @Test
    void whatTheRequestCarriedAndAnythingTokenShapedIsTakenOut() {
        String sent = "kc-device-code-3f9a";
        String jwt = "eyJhbGciOiJIUzUxMiJ9.eyJ0eXAiOiJPZmZsaW5lIn0.c2ln";
        String opaque = "A".repeat(20) + "b".repeat(20);
        String uuid = "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
        IdpError e = IdpErrors.from(JSON.createObjectNode().put("error", "invalid_grant").put("error_description",
                "code " + sent + " or " + jwt + " or " + opaque + " unknown; Trace ID: " + uuid), List.of(sent));
        assertThat(e.description()).contains("code [redacted] or [redacted] or [redacted] unknown; Trace ID: " + uuid);
    }

    @Test
    void anErrorCodeThatIsNotAnOAuthWordIsNotEchoed() {
        IdpError e = IdpErrors.from(JSON.createObjectNode().put("error", "<b>bad</b>"), List.of());
        assertThat(e.describe()).isEqualTo("an unreadable error code");
    }

    private IdpRefusedException signInAnswered(String tokenAnswer) throws Exception {
        try (MockWebServer idp = new MockWebServer()) {
            idp.start(InetAddress.getLoopbackAddress(), 0);
            String base = idp.url("/").toString();
            idp.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String path = request.getTarget();
                    if (path.startsWith("/.well-known/latchkey")) {
                        return json(200, "{\"issuer\":\"" + base + "idp\",\"clientId\":\"latchkey\",\"scopes\":\"openid\"}");
                    }
                    if (path.startsWith("/idp/.well-known")) {
                        return json(200, "{\"issuer\":\"" + base + "idp\",\"device_authorization_endpoint\":\"" + base
                                + "idp/device\",\"token_endpoint\":\"" + base + "idp/token\"}");
                    }
                    if (path.startsWith("/idp/device")) {
                        return json(200, "{\"device_code\":\"dc\",\"user_code\":\"WDJB-MJHT\",\"verification_uri\":\""
                                + base + "verify\",\"expires_in\":600,\"interval\":1}");
                    }
                    return json(400, tokenAnswer);
                }
            });
            URI broker = URI.create(base.substring(0, base.length() - 1));
            Session session = Session.builder(broker).credentialStore(new InMemoryCredentialStore()).lockDirectory(locks)
                    .callTimeout(Duration.ofSeconds(5)).pause(d -> { }).build();
            return catchThrowableOfType(IdpRefusedException.class, () -> session.signIn(p -> { }));
        }
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }
}
