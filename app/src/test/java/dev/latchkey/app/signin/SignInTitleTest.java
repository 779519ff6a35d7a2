package dev.latchkey.app.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.auth.DeviceCodePrompt;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The sign-in screen's window title names its state; only a shown code reads "Sign in". */
class SignInTitleTest {

    @Test
    void onlyAShownCodeReadsSignIn() {
        assertThat(SignInView.titleOf(new SignInState.Starting())).isEqualTo("Getting a sign-in code");
        assertThat(SignInView.titleOf(new SignInState.WaitingForApproval(prompt()))).isEqualTo("Sign in");
    }

    @Test
    void eachWayItStopsHasATitleOfItsOwnThatIsNotSignIn() {
        Set<String> titles = Arrays.stream(SignInState.Reason.values())
                .map(r -> SignInView.titleOf(new SignInState.Failed(r, "why")))
                .collect(Collectors.toSet());
        assertThat(titles).hasSize(SignInState.Reason.values().length).doesNotContain("Sign in")
                .allMatch(t -> t.startsWith("Sign-in "));
        assertThat(SignInView.titleOf(new SignInState.Failed(SignInState.Reason.EXPIRED, "why")))
                .isEqualTo("Sign-in code expired");
    }

    private static DeviceCodePrompt prompt() {
        return new DeviceCodePrompt("ABCD-EFGH", URI.create("http://127.0.0.1:1/dev-idp/device"),
                Optional.empty(), Instant.parse("2026-12-01T12:00:00Z"));
    }
}
