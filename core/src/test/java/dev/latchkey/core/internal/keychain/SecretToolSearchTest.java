package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code secret-tool search --all} read back only when it reads plainly (its shape as libsecret's
 * tool prints it: blocks on standard output, attributes on standard error); every answer that could
 * pair a secret with the wrong entry, or cut one short, is no answer.
 */
class SecretToolSearchTest {

    private static final String S = "latchkey:http://127.0.0.1:9";

    private static String block(int n, String secret) {
        return "[/" + n + "]\nlabel = Latchkey " + n + "\nsecret = " + secret + "\ncreated = 2026-12-02 03:54:35\n"
                + "modified = 2026-12-02 03:54:35\n";
    }

    private static String attrs(String account) {
        return "attribute.account = " + account + "\nattribute.service = " + S + "\n";
    }

    @Test
    void aPlainAnswerGivesEveryEntryByAccount() {
        String out = block(1, "=v1") + block(2, "=") + block(3, "={\"a\": \"b = c\"}") + "schema = x\n";
        String err = attrs("ada/user") + "attribute.service = " + S + "\nattribute.xdg:schema = org.example\n"
                + "attribute.account = ada/access-token\n" + attrs("current/ada");
        assertThat(SecretToolSearch.parse(S, out, err)).contains(Map.of("ada/user", "=v1", "ada/access-token", "=",
                "current/ada", "={\"a\": \"b = c\"}"));
        assertThat(SecretToolSearch.parse(S, "", "")).contains(Map.of());
    }

    @Test
    void anythingThatCouldMisreadAnEntryIsNoAnswer() {
        String two = attrs("a") + attrs("b");
        // a line break inside a secret, a locked item (no secret), a missing block line, output cut short
        assertThat(SecretToolSearch.parse(S, block(1, "=line1\nline2") + block(2, "=v"), two)).isEmpty();
        assertThat(SecretToolSearch.parse(S, "[/1]\nlabel = x\ncreated = 1\nmodified = 2\n" + block(2, "=v"), two)).isEmpty();
        assertThat(SecretToolSearch.parse(S, block(1, "=v").replace("label = Latchkey 1\n", "") + block(2, "=v"), two)).isEmpty();
        assertThat(SecretToolSearch.parse(S, block(1, "=v") + block(2, "=v").stripTrailing(), two)).isEmpty();
        // as many attribute groups as blocks, each with one service and one account, no account twice
        assertThat(SecretToolSearch.parse(S, block(1, "=v"), two)).isEmpty();
        assertThat(SecretToolSearch.parse(S, block(1, "=v") + block(2, "=w"), "attribute.service = " + S + "\n" + attrs("b")))
                .isEmpty();
        assertThat(SecretToolSearch.parse(S, block(1, "=v") + block(2, "=w"), attrs("a") + attrs("a"))).isEmpty();
        assertThat(SecretToolSearch.parse(S, block(1, "=v"), "attribute.account = a\nattribute.service = other\n")).isEmpty();
        // an error of the tool or the bus
        assertThat(SecretToolSearch.parse(S, block(1, "=v"), attrs("a") + "secret-tool: the keychain went away\n")).isEmpty();
    }
}
