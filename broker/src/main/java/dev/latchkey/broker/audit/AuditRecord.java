package dev.latchkey.broker.audit;

import java.time.Instant;

/**
 * A row of the audit log as stored: the event, when, its position, and the chain hashes.
 *
 * @param seq position in the log, from 1
 * @param at when it was written
 * @param event what happened
 * @param prevHash the hash of the row before (64 zeros for the first)
 * @param hash SHA-256 over this row's fields and {@code prevHash}
 */
public record AuditRecord(long seq, Instant at, AuditEvent event, String prevHash, String hash) {
}
