package dev.latchkey.broker.devidp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page a person sees: a code field, one button per demo user, and Deny. */
class VerificationPageTest {

    private final DevIdpServer idp = new DevIdpServer();

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void thePageOffersEveryDemoUserAndDeny() throws Exception {
        HttpResponse<String> page = idp.get("/dev-idp/device");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("name=\"user_code\"", "Not for production",
                "action=\"/dev-idp/device\"");
        for (DemoUser user : DevUsers.ALL) {
            assertThat(page.body()).contains("name=\"user\" value=\"" + user.username() + "\"", user.name());
        }
        assertThat(page.body()).contains("name=\"action\" value=\"deny\"");
    }

    @Test
    void theCompleteVerificationUriPrefillsTheCodeAndSaysWhoAsks() throws Exception {
        String complete = idp.startDeviceFlow().get("verification_uri_complete").asText();

        HttpResponse<String> page = idp.get(complete);

        String userCode = complete.substring(complete.indexOf('=') + 1);
        assertThat(page.body()).contains("value=\"" + userCode + "\"", "<strong>latchkey</strong> asks to sign in",
                "openid profile email offline_access");
    }

    @Test
    void anExpiredCodeInTheLinkSaysSo() throws Exception {
        String complete = idp.startDeviceFlow().get("verification_uri_complete").asText();
        idp.clock.advance(idp.settings.deviceCodeTtl());

        assertThat(idp.get(complete).body()).contains("No sign-in is waiting for that code");
    }

    @Test
    void thePageCannotBeFramedOrRunScripts() throws Exception {
        HttpResponse<String> page = idp.get("/dev-idp/device");

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "frame-ancestors 'none'", "form-action 'self'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).doesNotContain("<script");
    }
}
