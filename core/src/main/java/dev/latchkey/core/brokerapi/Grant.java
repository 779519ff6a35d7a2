package dev.latchkey.core.brokerapi;

import java.time.Instant;

/** Time-boxed access to a scope. */
public record Grant(String scope, Instant endsAt) {
}
