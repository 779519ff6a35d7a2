package dev.latchkey.cli.run;

import dev.latchkey.core.approval.ApprovalRequest;
import dev.latchkey.core.approval.Approver;
import dev.latchkey.core.approval.Decision;
import dev.latchkey.core.brokerapi.SecretRef;
import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks in the controlling terminal ({@link System#console()}) whether a launch may read scopes that
 * ask for confirmation, when no desktop app can: {@code y} allows it for this launch (its restarts
 * included), anything else denies it. Without a terminal there is nobody to ask, and nothing is read.
 */
final class TerminalApprover implements Approver {

    @Override
    public Decision decide(ApprovalRequest request) {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return Decision.NO_ONE_TO_ASK;
        }
        PrintWriter out = console.writer();
        out.println("latchkey: " + String.join(", ", request.scopes()) + " asks you to confirm each launch that reads it.");
        for (SecretRef ref : request.refs()) {
            out.println("  " + ref);
        }
        out.print("Allow this launch to read " + (request.refs().size() == 1 ? "it" : "them") + "? [y/N] ("
                + request.timeout().toSeconds() + " s) ");
        out.flush();
        CompletableFuture<String> line = new CompletableFuture<>();
        // A daemon thread: a prompt nobody answers must not keep the process alive after its timeout.
        Thread.ofPlatform().daemon().name("latchkey-approval-prompt").start(() -> line.complete(console.readLine()));
        try {
            String answer = line.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes")
                    ? Decision.ALLOW_FOR_LAUNCH : Decision.DENY;
        } catch (TimeoutException e) {
            out.println();
            out.flush();
            return Decision.TIMED_OUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Decision.TIMED_OUT;
        } catch (ExecutionException e) {
            return Decision.DENY;
        }
    }
}
