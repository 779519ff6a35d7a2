package dev.latchkey.cli.common;

import dev.latchkey.core.auth.AuthException;
import dev.latchkey.core.auth.IdpRefusedException;
import dev.latchkey.core.auth.IdpUnreachableException;
import dev.latchkey.core.auth.SessionStorageException;
import dev.latchkey.core.brokerapi.AccessDeniedException;
import dev.latchkey.core.brokerapi.BrokerException;
import dev.latchkey.core.brokerapi.BrokerProtocolException;
import dev.latchkey.core.brokerapi.BrokerUnreachableException;
import dev.latchkey.core.brokerapi.ConflictException;
import dev.latchkey.core.brokerapi.InvalidRequestException;
import dev.latchkey.core.brokerapi.NotSignedInException;
import dev.latchkey.core.diagnostics.FailureText;
import dev.latchkey.core.launch.process.ChildStartException;
import dev.latchkey.core.launch.profile.LaunchFileException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns a failure into one line plus a hint and an exit code. {@code --debug} adds the cause
 * chain: class names and messages, which by construction hold names and references, never values.
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    /** A failure the CLI itself reports, with its exit code and a hint. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int exitCode;
        final String hint;

        public Failure(int exitCode, String message, String hint) {
            super(message);
            this.exitCode = exitCode;
            this.hint = hint;
        }
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        return print(ex, cmd.getErr(), debug(parsed));
    }

    /**
     * Reports {@code ex} on {@code err} as every command does: one line, a hint, with {@code debug}
     * the cause chain; used without picocli by {@code latchkey run}'s daily path.
     *
     * @return the exit code
     */
    public static int print(Exception ex, PrintWriter err, boolean debug) {
        Report r = report(ex);
        err.println("latchkey: " + r.message());
        if (!r.hint().isEmpty()) {
            err.println("hint: " + r.hint());
        }
        if (debug) {
            for (Throwable t = ex; t != null; t = t.getCause()) {
                err.println("  caused by " + t.getClass().getName() + ": " + t.getMessage());
                for (StackTraceElement frame : t.getStackTrace()) {
                    err.println("      at " + frame);
                }
            }
        }
        err.flush();
        return r.exitCode();
    }

    record Report(int exitCode, String message, String hint) {
    }

    static Report report(Throwable ex) {
        return switch (ex) {
            case Failure f -> new Report(f.exitCode, f.getMessage(), f.hint);
            case IdpUnreachableException e -> new Report(ExitCodes.BROKER_UNREACHABLE, e.getMessage(),
                    "check the broker URL and your network");
            case SessionStorageException e -> new Report(ExitCodes.BROKER_UNREACHABLE, e.getMessage(),
                    "unlock your keychain (or start its Secret Service) and run again");
            case IdpRefusedException e -> new Report(ExitCodes.NOT_SIGNED_IN, e.refusal(), e.hint());
            case AuthException e -> new Report(ExitCodes.NOT_SIGNED_IN, e.getMessage(), "run: latchkey login");
            case NotSignedInException e when e.getCause() instanceof AuthException cause -> report(cause);
            case NotSignedInException e -> new Report(ExitCodes.NOT_SIGNED_IN, e.getMessage(), "run: latchkey login");
            case AccessDeniedException e -> new Report(ExitCodes.ACCESS_DENIED, e.getMessage(),
                    "see what you may use with: latchkey scopes");
            case InvalidRequestException e -> new Report(ExitCodes.USAGE, e.getMessage(), e.field()
                    .map(f -> "fix " + f + " and run again; --dry-run shows the scope's limits without creating anything")
                    .orElse("fix the input and run again"));
            case ConflictException e when e.alreadyGranted() -> new Report(ExitCodes.USAGE, e.getMessage(),
                    "ask for more time on that grant: latchkey extend GRANT --duration D --reason TEXT "
                            + "(or run the same request with --extend)");
            case ConflictException e -> new Report(ExitCodes.USAGE, e.getMessage(), "see where it stands with: latchkey requests");
            case BrokerUnreachableException e -> new Report(ExitCodes.BROKER_UNREACHABLE, e.getMessage(),
                    "check the broker URL (--broker, LATCHKEY_BROKER) and your network");
            case BrokerProtocolException e -> new Report(ExitCodes.BROKER_UNREACHABLE, e.getMessage(),
                    "the broker and this client disagree; update latchkey or tell the broker's operators");
            case BrokerException e -> new Report(ExitCodes.BROKER_UNREACHABLE, e.getMessage(), "");
            case LaunchFileException e -> new Report(ExitCodes.USAGE, e.getMessage(), "fix the file and run again");
            case ChildStartException e -> new Report(ExitCodes.CANNOT_START, e.getMessage(),
                    "check the command name and the working folder");
            case IllegalArgumentException e -> new Report(ExitCodes.USAGE, e.getMessage(), "see: latchkey --help");
            default -> new Report(ExitCodes.USAGE, "unexpected failure: " + FailureText.describe(ex),
                    "run again with --debug for details");
        };
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
