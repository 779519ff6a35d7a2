package dev.latchkey.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The known-value pass keeps finding values where its per-line work was cut: values split over
 * lines (the seam's matches gathered by one sink reused line after line) and values inside a
 * base64 text whose decoded lines end in any of the ends {@code \R} knows.
 */
class KnownValueScanTest {

    private static final String FIRST = "Zq8vN3xLr2Tw9Kp4Hs7Dm1Yc";
    private static final String SECOND = "Bx4Jt6Wn0Qe8Fv3Gu5Ra2Lk9";

    @TempDir
    Path state;

    @TempDir
    Path dir;

    private LeakGuard guard() throws Exception {
        LeakGuard guard = LeakGuard.builder().folder(state).credentialStore(GuardTestKeychain.store()).build();
        assertThat(guard.record(List.of(new Received("latchkey://t/dev/first", FIRST, Optional.empty()),
                new Received("latchkey://t/dev/second", SECOND, Optional.empty()))).get()).isEmpty();
        return guard;
    }

    @Test
    void twoValuesSplitOverLinesInOneFileAreEachFoundWhereTheyMeet() throws Exception {
        LeakGuard guard = guard();
        // Halves of 12 characters: shorter than a window's guarantee, so only the seam finds them.
        Files.writeString(dir.resolve("split.sh"), "export A=\"" + FIRST.substring(0, 12) + "\\\n"
                + FIRST.substring(12) + "\"\n" + "echo nothing here\n" + "echo still nothing\n"
                + "{\"b\": \"" + SECOND.substring(0, 12) + "\"\n" + "  \"" + SECOND.substring(12) + "\"}\n");

        ScanReport r = guard.scan(List.of(dir), dir);

        // (A half may also be found on its own line as a part, when a window of it happens to be chosen.)
        assertThat(known(r)).extracting(Finding::name, Finding::line, Finding::detail).contains(
                tuple("latchkey://t/dev/first", 2, "split over lines 1-2, as is"),
                tuple("latchkey://t/dev/second", 6, "split over lines 5-6, as is"));
    }

    @Test
    void aValueInsideBase64TextIsFoundWhateverItsDecodedLinesEndWith() throws Exception {
        LeakGuard guard = guard();
        Map<String, String> ends = Map.of("crlf.txt", "\r\n", "cr.txt", "\r", "nl.txt", "\n", "ls.txt", "\u2028",
                "nel.txt", "\u0085");
        for (Map.Entry<String, String> e : ends.entrySet()) {
            // The value in the last of the decoded lines: a split that lost the text after the last line end would miss it.
            String before = "first line of the file" + e.getValue() + "more" + e.getValue() + "TOKEN=";
            // Not at a multiple of 3 bytes: there the base64 text holds the value's own base64 form, found as that.
            while (before.getBytes(StandardCharsets.UTF_8).length % 3 != 1) {
                before = "x" + before;
            }
            String text = before + SECOND;
            Files.writeString(dir.resolve(e.getKey()),
                    "data: " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "\n");
        }

        ScanReport r = guard.scan(List.of(dir), dir);

        assertThat(known(r)).allSatisfy(f -> {
            assertThat(f.name()).isEqualTo("latchkey://t/dev/second");
            assertThat(f.detail()).isEqualTo("inside a base64 text");
        });
        assertThat(known(r)).extracting(Finding::path).containsExactlyInAnyOrderElementsOf(ends.keySet());
    }

    private static List<Finding> known(ScanReport r) {
        return r.findings().stream().filter(f -> f.kind() == Finding.Kind.KNOWN_VALUE).toList();
    }
}
