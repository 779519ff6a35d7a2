package dev.latchkey.broker.audit;

/**
 * What happened, before it is written: who did what to which target, from which client, and
 * how it ended. Never a value or a token.
 *
 * @param actor the caller's subject (or {@code cli:<user>} for the admin command line)
 * @param client the client id the caller's token was issued to, or the tool used
 * @param action what was done, such as {@code secret.resolve}
 * @param target what it was done to, such as a secret reference or a scope
 * @param outcome how it ended, such as {@code ok} or {@code request-needed}
 * @param detail a short note (a version number, a policy source); never a value
 */
public record AuditEvent(String actor, String client, String action, String target, String outcome, String detail) {
}
