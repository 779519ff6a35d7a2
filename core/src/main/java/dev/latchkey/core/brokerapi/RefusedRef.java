package dev.latchkey.core.brokerapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference the caller may not read now, and why.
 *
 * @param ref the reference
 * @param why the broker's reason
 */
public record RefusedRef(SecretRef ref, Why why) {

    /** Why a reference was refused. */
    public enum Why {
        /** The scope can be requested: a {@code latchkey request} would fix it. */
        REQUEST_NEEDED,
        /** The caller may neither read nor request this scope. */
        NO_ACCESS,
        /** No such secret (or the caller may not know that it exists). */
        UNKNOWN_SECRET,
        /** The broker does not take the text as a reference at all: a spelling for the user to fix. */
        INVALID_REF,
        /** Not the broker's: the scope asks for confirmation and the user denied this launch. */
        NOT_APPROVED,
        /** Not the broker's: the scope asks for confirmation and nobody answered in time. */
        APPROVAL_TIMED_OUT,
        /** Not the broker's: the scope asks for confirmation and there was no app or terminal to ask in. */
        NO_APPROVER
    }

    public RefusedRef {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(why, "why");
    }

    /** The exact command that would fix this refusal, when one would. */
    public Optional<String> fixCommand() {
        return switch (why) {
            case REQUEST_NEEDED -> Optional.of("latchkey request " + ref.scope()
                    + " --duration 1h --reason \"<why you need it>\"");
            case NO_ACCESS, UNKNOWN_SECRET, INVALID_REF, NOT_APPROVED, APPROVAL_TIMED_OUT, NO_APPROVER -> Optional.empty();
        };
    }

    /** One line for a person: the reference, the reason and the fix. */
    public String describe() {
        return ref + ": " + switch (why) {
            case REQUEST_NEEDED -> "access must be requested; run: " + fixCommand().orElseThrow();
            case NO_ACCESS -> "you have no access to " + ref.scope() + " and cannot request it; ask its owners";
            case UNKNOWN_SECRET -> "no such secret in " + ref.scope() + " (check the name with: latchkey secrets " + ref.scope() + ")";
            case INVALID_REF -> "the broker does not take this as a reference; write it as latchkey://team/env/name";
            case NOT_APPROVED -> ref.scope() + " asks to confirm each launch, and this one was denied";
            case APPROVAL_TIMED_OUT -> ref.scope() + " asks to confirm each launch, and nobody answered in time;"
                    + " run it again and answer the prompt (in the Latchkey app, or in the terminal)";
            case NO_APPROVER -> ref.scope() + " asks to confirm each launch, and there is no terminal to ask in;"
                    + " run it from a terminal or start the Latchkey app to approve";
        };
    }

    /** The message for a launch refused because of {@code refused}: each ref, why, and the fix. */
    public static String message(List<RefusedRef> refused) {
        StringBuilder b = new StringBuilder();
        b.append(refused.size() == 1 ? "1 reference" : refused.size() + " references")
                .append(" cannot be read now, so nothing was started:");
        for (RefusedRef r : refused) {
            b.append(System.lineSeparator()).append("  ").append(r.describe());
        }
        return b.toString();
    }
}
