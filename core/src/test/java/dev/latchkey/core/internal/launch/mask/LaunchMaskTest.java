package dev.latchkey.core.internal.launch.mask;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Values handed to a running child later (re-minted sandbox tokens) are hidden like the first ones. */
class LaunchMaskTest {

    private static final String FIRST = "eyJfirst-token-0123456789";
    private static final String RENEWED = "eyJrenewed-token-9876543210";

    @Test
    void aValueHandedOverLaterIsHiddenInTheRunningStreamsAndInEveryRestart() throws IOException {
        LaunchMask masks = new LaunchMask(true);
        masks.forStart(Map.of("T", FIRST));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = masks.wrap(sink);
        out.write(("first " + FIRST + "\n").getBytes(StandardCharsets.UTF_8));

        masks.also(Map.of("T", RENEWED));
        out.write(("renewed " + RENEWED + " and again " + FIRST + "\n").getBytes(StandardCharsets.UTF_8));
        out.finish();
        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo("first <latchkey:T>\nrenewed <latchkey:T> and again <latchkey:T>\n");

        // A restart resolves a third token; the renewed one (maybe still valid) stays hidden.
        masks.forStart(Map.of("T", "eyJthird-token-5555555555"));
        assertThat(masks.current().apply(RENEWED + " eyJthird-token-5555555555")).isEqualTo("<latchkey:T> <latchkey:T>");
    }

    @Test
    void anUnmaskedLaunchHidesNothingLaterEither() throws IOException {
        LaunchMask masks = new LaunchMask(false);
        masks.forStart(Map.of("T", FIRST));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = masks.wrap(sink);
        masks.also(Map.of("T", RENEWED));
        out.write((FIRST + " " + RENEWED).getBytes(StandardCharsets.UTF_8));
        out.finish();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(FIRST + " " + RENEWED);
    }
}
