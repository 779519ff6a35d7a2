package dev.latchkey.app.agent;

import dev.latchkey.core.approval.ApprovalRequest;
import dev.latchkey.core.approval.Approver;
import dev.latchkey.core.approval.Decision;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.Window;

/**
 * The app's answer to the agent's question "may this launch read these scopes?": a prompt window
 * in front of the app's window, naming the process and the references (never a value), with
 * "Allow once", "Allow for this launch" and "Deny". A prompt nobody answers in time stays on screen,
 * drawn as timed out, and the launch is refused.
 *
 * <p>{@link #decide} is called by the agent on a thread of its own and waits; the window lives on
 * the UI thread.
 */
public final class ApprovalPrompts implements Approver {

    private final Supplier<Window> owner;

    /** @param owner the app's window, brought forward with the prompt */
    public ApprovalPrompts(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public Decision decide(ApprovalRequest request) throws InterruptedException {
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        CompletableFuture<ApprovalPromptView> shown = new CompletableFuture<>();
        Platform.runLater(() -> {
            ApprovalPromptView view = new ApprovalPromptView(request, answer::complete);
            view.show(owner.get());
            shown.complete(view);
        });
        try {
            return answer.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            shown.thenAccept(view -> Platform.runLater(view::timedOut));
            return Decision.TIMED_OUT;
        } catch (InterruptedException e) {
            shown.thenAccept(view -> Platform.runLater(view::timedOut));
            throw e;
        } catch (ExecutionException e) {
            return Decision.DENY;
        }
    }
}
