package dev.latchkey.cli;

import dev.latchkey.core.brokerapi.BearerToken;
import dev.latchkey.core.brokerapi.NotSignedInException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the commands need from the world, in one place so tests can give their own.
 *
 * @param env the process environment
 * @param cwd the current folder
 * @param clock the time
 * @param childIn what a child in a PTY reads
 * @param childOut where a child's output goes
 * @param childErr where a child's errors go
 * @param terminal true when stdin and stdout are a terminal
 * @param session the signed-in session's access token
 */
public record CliContext(Map<String, String> env, Path cwd, Clock clock, InputStream childIn, OutputStream childOut,
                         OutputStream childErr, boolean terminal, BearerToken session) {

    /** No session: sign-in (core's session facade) supplies one once it is wired in. */
    public static final BearerToken NO_SESSION = () -> {
        throw new NotSignedInException("you are not signed in");
    };

    /** This process's real world. */
    public static CliContext system() {
        var console = System.console();
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC(), System.in, System.out,
                System.err, console != null && console.isTerminal(), NO_SESSION);
    }
}
