package dev.latchkey.core.guard;

import java.util.Objects;
import java.util.Optional;

/**
 * One secret the guard found. Names where it is and what it is, never the value itself.
 *
 * @param path the file, relative to the repository (or as given to {@code scan})
 * @param line the line, from 1, in the file's new version
 * @param commit the commit it is in ({@code push} and {@code history}); empty for staged changes and files
 * @param kind a value Latchkey handed out, or a pattern rule's match
 * @param name the reference ({@code latchkey://team/env/name}), {@code sandbox NAME}, or the rule's id
 * @param detail how it was written ("base64", "part of it, hex", "split over lines 4-5") or the rule's description
 * @param fingerprint what to put in {@code .latchkey-guard.toml} to allow it: {@code lk:...} for a
 *     received value (a keyed hash, yours alone), {@code sha256:...} for a rule's match
 * @param broker the broker a received value came from, when known (exposure reports go there)
 * @param published true when the commit already reached a remote: the secret is exposed and
 *     needs rotating, not only removing
 */
public record Finding(String path, int line, Optional<String> commit, Kind kind, String name, String detail,
                      String fingerprint, Optional<String> broker, boolean published) {

    /** What kind of secret. */
    public enum Kind {
        /** A value this user received from Latchkey, found by its fingerprint. */
        KNOWN_VALUE,
        /** Text that looks like a secret to a pattern rule. */
        PATTERN
    }

    public Finding {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(broker, "broker");
    }

    /** Whether {@link #name} is a Latchkey reference (which the broker can count). */
    public boolean isReference() {
        return name.startsWith("latchkey://");
    }

    /** What to do about it, in one sentence. */
    public String fix() {
        String base = switch (kind) {
            case KNOWN_VALUE -> isReference()
                    ? "write the reference " + name + " instead and start the program with `latchkey run`"
                    : "sandbox tokens are short-lived: pass it with `latchkey run --sandbox` instead of writing it down";
            case PATTERN -> "remove it and keep it in Latchkey (use its latchkey:// reference), or allow "
                    + fingerprint + " in .latchkey-guard.toml if it is not a secret";
        };
        if (published) {
            return "rotate this secret: the commit reached a remote; then " + base;
        }
        return commit.isPresent() ? base + ", then rewrite the commit (git commit --amend or git rebase -i)" : base;
    }
}
