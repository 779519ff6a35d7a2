package dev.latchkey.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.launch.LaunchRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code history} prints exactly the layout its format strings gave: a line a launch, its references under the command. */
class HistoryTableTest {

    private static final Instant T = Instant.parse("2026-12-01T10:06:07Z");

    private static String print(List<LaunchRecord> launches, boolean json) {
        StringWriter text = new StringWriter();
        HistoryCommand.table(launches, ZoneOffset.ofHours(1)).print(json, new PrintWriter(text));
        return text.toString();
    }

    @Test
    void aLineALaunchWithItsReferencesSandboxesAndNoteIndentedUnderTheCommand() {
        List<LaunchRecord> launches = List.of(
                new LaunchRecord(T, T.plusSeconds(3), "api", List.of("npm", "start"), List.of("latchkey://payments/dev/db-url"),
                        List.of("stripe-test"), 4242, 0, Optional.of("offline")),
                new LaunchRecord(T, T, "(command line)", List.of("sh", "-c", "exit 5"), List.of(), List.of(), 7, 5,
                        Optional.empty()));
        String row = "%-19s  %4d  %7d  %-16s  %s%n";
        assertThat(print(launches, false)).isEqualTo(
                String.format("%-19s  %4s  %7s  %-16s  %s%n", "STARTED", "EXIT", "PID", "PROFILE", "COMMAND / REFERENCES")
                        + String.format(row, "2026-12-01 11:06:07", 0, 4242L, "api", "npm start")
                        + String.format("%44s%s%n", "", "latchkey://payments/dev/db-url")
                        + String.format("%44ssandbox %s%n", "", "stripe-test")
                        + String.format("%44s(%s)%n", "", "offline")
                        + String.format(row, "2026-12-01 11:06:07", 5, 7L, "(command line)", "sh -c exit 5"));
        assertThat(print(List.of(), false)).isEqualTo("No launches yet." + System.lineSeparator());
        assertThat(print(launches.subList(1, 2), true)).isEqualToNormalizingNewlines("""
                [ {
                  "started" : "2026-12-01T10:06:07Z",
                  "ended" : "2026-12-01T10:06:07Z",
                  "profile" : "(command line)",
                  "command" : [ "sh", "-c", "exit 5" ],
                  "refs" : [ ],
                  "sandboxes" : [ ],
                  "pid" : 7,
                  "exitCode" : 5
                } ]
                """);
    }
}
