package dev.latchkey.core.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** What a failure on a connection is called: what happened to the connection, never its raw message. */
class FailureTextTest {

    @Test
    void aConnectionTheServerEndedBeforeItsAnswerIsSaidSo() {
        IOException eof = new IOException("unexpected end of stream on http://127.0.0.1:8080/...",
                new IOException("\\n not found: limit=0 content=…"));
        assertThat(FailureText.describeConnection(eof)).isEqualTo("the server closed the connection before its answer came");
        assertThat(FailureText.describeConnection(new IOException("secret-looking text")))
                .isEqualTo("the connection failed while sending or receiving");
        assertThat(FailureText.describeConnection(new ConnectException("x")))
                .isEqualTo("connection refused: nothing is listening there");
        assertThat(FailureText.describe(eof)).as("outside a connection the general words stay")
                .isEqualTo("an input/output failure");
    }
}
