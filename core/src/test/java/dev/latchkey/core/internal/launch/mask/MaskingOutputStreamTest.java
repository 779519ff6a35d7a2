package dev.latchkey.core.internal.launch.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingOutputStreamTest {

    private static final String DB_URL = "postgres://app:s3cr3t-p@ss word@db.internal:5432/pay";
    private static final SecretMask MASK = SecretMask.of(Map.of("DB_URL", DB_URL, "API_KEY", "sk_live_0123456789"));

    @Test
    void aValueSplitAtEveryByteOffsetAcrossTwoWritesIsMasked() throws IOException {
        byte[] line = ("before " + DB_URL + " after\n").getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= line.length; cut++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            MaskingOutputStream out = new MaskingOutputStream(sink, MASK);
            out.write(line, 0, cut);
            out.write(line, cut, line.length - cut);
            out.finish();
            assertThat(sink.toString(StandardCharsets.UTF_8))
                    .as("split at byte %d", cut)
                    .isEqualTo("before <latchkey:DB_URL> after\n");
        }
    }

    @Test
    void nothingOfTheValueIsWrittenBeforeTheSecondHalfArrives() throws IOException {
        byte[] value = DB_URL.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < value.length; cut++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            MaskingOutputStream out = new MaskingOutputStream(sink, MASK);
            out.write(value, 0, cut);
            assertThat(sink.size()).as("after %d bytes", cut).isZero();
        }
    }

    @Test
    void aValueWrittenOneByteAtATimeIsMasked() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, MASK);
        for (byte b : ("x" + DB_URL + "y").getBytes(StandardCharsets.UTF_8)) {
            out.write(b);
        }
        out.finish();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("x<latchkey:DB_URL>y");
    }

    @Test
    void base64AndUrlEncodedFormsAreMaskedToo() {
        String b64 = Base64.getEncoder().encodeToString(DB_URL.getBytes(StandardCharsets.UTF_8));
        String b64url = Base64.getUrlEncoder().withoutPadding().encodeToString(DB_URL.getBytes(StandardCharsets.UTF_8));
        String url = URLEncoder.encode(DB_URL, StandardCharsets.UTF_8);
        String url20 = url.replace("+", "%20");

        assertThat(MASK.apply("a " + b64 + " b " + b64url + " c " + url + " d " + url20))
                .isEqualTo("a <latchkey:DB_URL> b <latchkey:DB_URL> c <latchkey:DB_URL> d <latchkey:DB_URL>");
    }

    /** What a real program prints for the value through {@code command} (the value in its environment only). */
    private static String throughProgram(String value, String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", "printf '%s' \"$V\" | " + command);
        pb.environment().put("V", value);
        Process p = pb.start();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream out = new MaskingOutputStream(sink, SecretMask.of(Map.of("TOKEN", value)))) {
            p.getInputStream().transferTo(out);
        }
        assertThat(p.waitFor()).isZero();
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wrappedBase64AndHexFromRealProgramsAreMasked() throws Exception {
        // Long enough that base64 wraps twice at 76 columns, three times at 64.
        String value = "eyJhbGciOiJFUzI1NiJ9." + "x".repeat(150) + ".sig-0123456789";
        for (String command : new String[] {"base64", "base64 -w 64", "base64 | tr -d '\\n'",
                "od -An -v -tx1 | tr -d ' \\n'", "od -An -v -tx1 | tr -d ' \\n' | tr a-f A-F",
                "od -An -v -tx1 | tr -d ' \\n' | fold -w 60"}) {
            String out = throughProgram(value, command);
            assertThat(out).as(command).contains("<latchkey:TOKEN>").doesNotContain(value.substring(0, 8))
                    .doesNotContain(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)).substring(0, 40));
            assertThat(out.strip()).as(command + " leaves only the mask").isEqualTo("<latchkey:TOKEN>");
        }
    }

    @Test
    void base64WrappedForATerminalWithCarriageReturnsIsMasked() throws IOException {
        String value = "a-sandbox-token-" + "y".repeat(100);
        String b64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        String wrapped = SecretMask.wrap(b64, 76, "\r\n") + "\r\n";
        assertThat(SecretMask.of(Map.of("T", value)).apply(wrapped)).isEqualTo("<latchkey:T>\r\n");
    }

    @Test
    void anEncodedFormSplitAtEveryOffsetIsMasked() throws IOException {
        byte[] line = ("k=" + Base64.getEncoder().encodeToString("sk_live_0123456789".getBytes(StandardCharsets.UTF_8)) + ";")
                .getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= line.length; cut++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            MaskingOutputStream out = new MaskingOutputStream(sink, MASK);
            out.write(line, 0, cut);
            out.write(line, cut, line.length - cut);
            out.finish();
            assertThat(sink.toString(StandardCharsets.UTF_8)).as("split at %d", cut).isEqualTo("k=<latchkey:API_KEY>;");
        }
    }

    @Test
    void whenOneValueIsAPrefixOfAnotherTheLongerWinsSoNoTailShows() throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SHORT", "secret");
        values.put("LONG", "secret-and-more");
        SecretMask mask = SecretMask.of(values);
        byte[] line = "[secret-and-more] [secret]".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= line.length; cut++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            MaskingOutputStream out = new MaskingOutputStream(sink, mask);
            out.write(line, 0, cut);
            out.write(line, cut, line.length - cut);
            out.finish();
            assertThat(sink.toString(StandardCharsets.UTF_8)).as("split at %d", cut)
                    .isEqualTo("[<latchkey:LONG>] [<latchkey:SHORT>]");
        }
    }

    @Test
    void textThatOnlyStartsLikeAValueComesOutUnchangedAtTheEnd() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = new MaskingOutputStream(sink, MASK);
        out.write("prompt> postgres://app".getBytes(StandardCharsets.UTF_8));
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("prompt> ");
        out.finish();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("prompt> postgres://app");
    }

    @Test
    void veryShortValuesAreNotMaskedAndAreNamed() {
        SecretMask mask = SecretMask.of(Map.of("PORT", "42", "TOKEN", "abcdef"));
        assertThat(mask.tooShortToMask()).containsExactly("PORT");
        assertThat(mask.apply("42 abcdef")).isEqualTo("42 <latchkey:TOKEN>");
    }

    @Test
    void multiByteCharactersAroundAValueSurviveEverySplit() throws IOException {
        byte[] line = ("é→" + DB_URL + "←ü").getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= line.length; cut++) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            MaskingOutputStream out = new MaskingOutputStream(sink, MASK);
            out.write(line, 0, cut);
            out.write(line, cut, line.length - cut);
            out.finish();
            assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("é→<latchkey:DB_URL>←ü");
        }
    }
}
