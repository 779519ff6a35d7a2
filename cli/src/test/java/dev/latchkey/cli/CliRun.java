package dev.latchkey.cli;

import dev.latchkey.core.brokerapi.BearerToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI in this JVM with its own HOME, folder and streams, and keeps what it printed. */
public final class CliRun {

    public final int exitCode;
    public final String out;
    public final String err;
    public final String childOut;
    public final String childErr;

    private CliRun(int exitCode, String out, String err, String childOut, String childErr) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
        this.childOut = childOut;
        this.childErr = childErr;
    }

    /** The environment a test run sees: this JVM's, with HOME and the state folder under {@code home}. */
    public static Map<String, String> env(Path home, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("LATCHKEY_") || k.startsWith("XDG_"));
        env.put("HOME", home.toString());
        env.putAll(extra);
        return env;
    }

    public static CliRun of(Path home, Map<String, String> extraEnv, BearerToken session, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream childOut = new ByteArrayOutputStream();
        ByteArrayOutputStream childErr = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(env(home, extraEnv), home, Clock.systemUTC(),
                new ByteArrayInputStream(new byte[0]), childOut, childErr, false, session);
        CommandLine cmd = LatchkeyCommand.commandLine(ctx);
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString(), childOut.toString(StandardCharsets.UTF_8),
                childErr.toString(StandardCharsets.UTF_8));
    }

    public static CliRun of(Path home, String... args) {
        return of(home, Map.of(), CliContext.NO_SESSION, args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\nout: " + out + "\nerr: " + err + "\nchild out: " + childOut + "\nchild err: " + childErr;
    }
}
