package dev.latchkey.broker.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client may take of the broker's server, so that slow, stalled or greedy clients cannot
 * starve everyone else. Requests are handled on virtual threads, so a client that sends slowly
 * holds no thread others need; these limits bound how long and how many.
 *
 * @param requestRead the longest a request (its headers and body together) may take to arrive
 * @param requestStall the longest a half-sent request may go without a new byte
 * @param idle how long a kept-alive connection may sit between requests (an event stream writes a
 *     keep-alive comment more often than this, so it is never idle)
 * @param connectionsPerAddress the most connections one client address may hold open at once; 0 for no cap
 *     (behind a proxy every client shares the proxy's address: raise or lift it there)
 * @param maxConnections the most connections the broker holds open at once; it stops accepting
 *     new ones until one closes
 */
public record ServerLimits(Duration requestRead, Duration requestStall, Duration idle, int connectionsPerAddress,
        int maxConnections) {

    /** The defaults: a request arrives within 10 s (no gap over 5 s); 100 connections per address. */
    public static final ServerLimits DEFAULTS = new ServerLimits(Duration.ofSeconds(10), Duration.ofSeconds(5),
            Duration.ofSeconds(30), 100, 10_000);

    public ServerLimits {
        Objects.requireNonNull(requestRead, "requestRead");
        Objects.requireNonNull(requestStall, "requestStall");
        Objects.requireNonNull(idle, "idle");
        if (!requestRead.isPositive() || !requestStall.isPositive() || !idle.isPositive()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (connectionsPerAddress < 0) {
            throw new IllegalArgumentException("connectionsPerAddress must be 0 (no cap) or more");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
    }

    public ServerLimits withRequestRead(Duration value) {
        return new ServerLimits(value, requestStall, idle, connectionsPerAddress, maxConnections);
    }

    public ServerLimits withRequestStall(Duration value) {
        return new ServerLimits(requestRead, value, idle, connectionsPerAddress, maxConnections);
    }

    public ServerLimits withIdle(Duration value) {
        return new ServerLimits(requestRead, requestStall, value, connectionsPerAddress, maxConnections);
    }

    public ServerLimits withConnectionsPerAddress(int value) {
        return new ServerLimits(requestRead, requestStall, idle, value, maxConnections);
    }

    public ServerLimits withMaxConnections(int value) {
        return new ServerLimits(requestRead, requestStall, idle, connectionsPerAddress, value);
    }
}
