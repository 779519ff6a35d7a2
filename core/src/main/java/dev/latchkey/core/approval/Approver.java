package dev.latchkey.core.approval;

/**
 * Asks the user whether a launch may read scopes that ask for confirmation: the desktop app's
 * prompt, or a terminal. Blocks until the user answers or {@link ApprovalRequest#timeout()} passes.
 */
@FunctionalInterface
public interface Approver {

    /** There is nobody to ask: every question is {@link Decision#NO_ONE_TO_ASK}. */
    Approver NOBODY = request -> Decision.NO_ONE_TO_ASK;

    /** The user's answer, or {@link Decision#TIMED_OUT} / {@link Decision#NO_ONE_TO_ASK}. */
    Decision decide(ApprovalRequest request) throws InterruptedException;
}
