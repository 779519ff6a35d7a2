package dev.latchkey.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.LatchkeyCommand;
import dev.latchkey.cli.common.CliContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@link RunArgs} and picocli's model of {@link RunCommand} are one grammar: every argument list
 * of a corpus (the daily forms, the edge cases, and thousands of random lists of run's words) that
 * RunArgs reads, picocli reads to the same options, with no error and no help asked; what RunArgs
 * leaves alone picocli answers as it always did.
 */
class RunArgsTest {

    private static final CliContext CONTEXT = LatchkeyCommand.systemContext();

    /** The words of run's grammar and its neighbours: options, values, help, files, strays. */
    private static final List<String> WORDS = List.of("run", "run", "run", "--", "--", "--debug", "--broker", "--broker=http://b",
            "http://b", "--profile", "--profile=api", "api", "--project", "--project=p.toml", "p.toml", "--env-file",
            "--env-file=f.env", "f.env", "--env", "--env=A=b", "A=latchkey://t/e/n", "B=plain", "--sandbox", "T=s:30m",
            "--sandbox=T=s", "--no-mask", "--pristine", "--on-expiry", "--on-expiry=stop", "stop", "--refresh-endpoint", "true",
            "sh", "-c", "echo hi", "-h", "--help", "-V", "--version", "@args", "", "--no-mask=true", "--env=", "-", "--unknown",
            "-x", "--Env", "--pristine=false", "status", "-hV", "--debug=true", "--env-file=", "--broker=", "x=--y", "history", "login");

    private static final List<List<String>> DAILY = List.of(
            List.of("run", "--", "true"),
            List.of("run", "--env-file", "f.env", "--", "true"),
            List.of("run", "--env", "DB_URL=latchkey://payments/dev/db-url", "--", "./server", "--port", "8080"),
            List.of("run", "--profile", "api"),
            List.of("--broker", "http://b", "run", "--profile=api", "--project", "p.toml"),
            List.of("--debug", "run", "--refresh-endpoint", "--env-file", "f.env", "--sandbox", "T=payments-sandbox:10m",
                    "--", "bash", "poll.sh"),
            List.of("run", "--env-file", "a.env", "--env-file", "b.env", "--no-mask", "--pristine", "--on-expiry", "restart",
                    "--", "npm", "start"),
            List.of("run", "true"),
            List.of("run", "--", "sh", "-c", "exit 5", "--help", "--env", "x"));

    @Test
    void theDailyFormsAreReadWithoutPicocliToTheSameOptions() {
        for (List<String> args : DAILY) {
            Optional<RunOptions> fast = LatchkeyCommand.runArgs(args.toArray(String[]::new));
            assertThat(fast).as("%s is read without picocli", args).isPresent();
            assertThat(fast.get()).as(args.toString()).isEqualTo(picocli(args));
        }
    }

    @Test
    void whatRunArgsReadsPicocliReadsTheSame() {
        List<List<String>> corpus = new ArrayList<>(DAILY);
        corpus.addAll(List.of(List.of(), List.of("run"), List.of("run", "--help"), List.of("run", "-h"), List.of("--help", "run"),
                List.of("run", "--profile"), List.of("run", "--profile", "a", "--profile", "b"), List.of("run", "--pristine", "--pristine"),
                List.of("run", "--env", "--pristine"), List.of("run", "sh", "-c", "x"), List.of("run", "@args"),
                List.of("run", "--", "@args"), List.of("--broker", "run", "run"), List.of("--debug", "run", "--debug"),
                List.of("--broker=a", "run", "--broker", "b"), List.of("run", "--broker", "b", "--", "true"),
                List.of("run", "--project", "bad\0path"), List.of("status", "run"), List.of("run", "--", "--"),
                List.of("run", "-", "x")));
        Random random = new Random(12);
        for (int n = 0; n < 4000; n++) {
            List<String> args = new ArrayList<>();
            if (random.nextBoolean()) {
                args.add("run");
            }
            for (int k = random.nextInt(9); k > 0; k--) {
                args.add(WORDS.get(random.nextInt(WORDS.size())));
            }
            corpus.add(args);
        }
        int read = 0;
        int left = 0;
        for (List<String> args : corpus) {
            Optional<RunOptions> fast = LatchkeyCommand.runArgs(args.toArray(String[]::new));
            if (fast.isPresent()) {
                read++;
                assertThat(picocli(args)).as("picocli's reading of %s", args).isEqualTo(fast.get());
            } else {
                left++;
            }
        }
        // Both branches ran many times: the comparison above is not empty, nor is everything left to picocli.
        assertThat(read).isGreaterThan(300);
        assertThat(left).isGreaterThan(300);
    }

    /** picocli's reading of {@code args}: run's options, or a word saying why there are none. */
    private static Object picocli(List<String> words) {
        String[] args = words.toArray(String[]::new);
        CommandLine cmd = LatchkeyCommand.commandLine(CONTEXT, args);
        CommandLine.ParseResult parsed;
        try {
            parsed = cmd.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return "usage error: " + e.getMessage();
        }
        if (!parsed.hasSubcommand() || !parsed.subcommand().commandSpec().name().equals("run")) {
            return "not run";
        }
        if (parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested() || parsed.subcommand().isUsageHelpRequested()
                || parsed.subcommand().isVersionHelpRequested()) {
            return "help";
        }
        return ((RunCommand) parsed.subcommand().commandSpec().userObject()).options();
    }
}
