package dev.latchkey.broker.devidp;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Device authorizations in flight (RFC 8628): started by a client, decided by a person on the
 * verification page, collected by the client's polling. In memory; every method is synchronized
 * because a poll and a decision for the same code may race.
 */
final class DeviceAuthorizations {

    /** RFC 8628 §3.5: each slow_down adds five seconds to the interval. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final DevIdpSettings settings;
    private final Clock clock;
    private final SecureRandom random;
    private final Map<String, Entry> byDeviceCodeHash = new HashMap<>();
    private final Map<UserCode, String> deviceCodeHashByUserCode = new HashMap<>();

    DeviceAuthorizations(DevIdpSettings settings, Clock clock, SecureRandom random) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    /** What the device authorization endpoint hands the client. */
    record Started(String deviceCode, UserCode userCode, Duration expiresIn, Duration interval) {
        @Override
        public String toString() {
            return "Started[<codes hidden>, expiresIn=" + expiresIn + ", interval=" + interval + "]";
        }
    }

    /** The outcome of one poll of the token endpoint. */
    sealed interface Poll {
        record Pending() implements Poll {
        }

        record SlowDown(Duration interval) implements Poll {
        }

        record Approved(DemoUser user, String scope) implements Poll {
        }

        record Denied() implements Poll {
        }

        record Expired() implements Poll {
        }

        /** No such device code, one already redeemed, or one issued to another client. */
        record Unknown() implements Poll {
        }
    }

    /** The outcome of a person's decision on the verification page. */
    sealed interface Decision {
        record Recorded(String clientId, String scope) implements Decision {
        }

        record UnknownCode() implements Decision {
        }

        record Expired() implements Decision {
        }

        record AlreadyDecided() implements Decision {
        }
    }

    /** What the verification page may show about a code before the person decides. */
    record Request(String clientId, String scope) {
    }

    synchronized Started start(String clientId, String scope) {
        Instant now = clock.instant();
        forgetLongExpired(now);
        UserCode userCode;
        do {
            userCode = UserCode.random(random);
        } while (deviceCodeHashByUserCode.containsKey(userCode));
        String deviceCode = OpaqueToken.random(random);
        String hash = OpaqueToken.hash(deviceCode);
        byDeviceCodeHash.put(hash, new Entry(clientId, scope, userCode, now.plus(settings.deviceCodeTtl()),
                settings.pollInterval()));
        deviceCodeHashByUserCode.put(userCode, hash);
        return new Started(deviceCode, userCode, settings.deviceCodeTtl(), settings.pollInterval());
    }

    /** The pending request behind a user code, if it is still waiting for a decision. */
    synchronized Optional<Request> pending(UserCode userCode) {
        Entry entry = entryFor(userCode);
        if (entry == null || entry.state != State.PENDING || expired(entry, clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new Request(entry.clientId, entry.scope));
    }

    synchronized Decision approve(UserCode userCode, DemoUser user) {
        return decide(userCode, State.APPROVED, user);
    }

    synchronized Decision deny(UserCode userCode) {
        return decide(userCode, State.DENIED, null);
    }

    synchronized Poll poll(String deviceCode, String clientId) {
        Instant now = clock.instant();
        String hash = OpaqueToken.hash(deviceCode);
        Entry entry = byDeviceCodeHash.get(hash);
        if (entry == null || !entry.clientId.equals(clientId)) {
            return new Poll.Unknown();
        }
        if (expired(entry, now)) {
            return new Poll.Expired();
        }
        Instant previous = entry.lastPoll;
        entry.lastPoll = now;
        if (previous != null && Duration.between(previous, now).compareTo(entry.interval) < 0) {
            entry.interval = entry.interval.plus(SLOW_DOWN_STEP);
            return new Poll.SlowDown(entry.interval);
        }
        return switch (entry.state) {
            case PENDING -> new Poll.Pending();
            case DENIED -> new Poll.Denied();
            case APPROVED -> {
                // A device code is redeemed once: forget it so a second poll gets invalid_grant.
                byDeviceCodeHash.remove(hash);
                deviceCodeHashByUserCode.remove(entry.userCode);
                yield new Poll.Approved(entry.user, entry.scope);
            }
        };
    }

    private Decision decide(UserCode userCode, State state, DemoUser user) {
        Entry entry = entryFor(userCode);
        if (entry == null) {
            return new Decision.UnknownCode();
        }
        if (expired(entry, clock.instant())) {
            return new Decision.Expired();
        }
        if (entry.state != State.PENDING) {
            return new Decision.AlreadyDecided();
        }
        entry.state = state;
        entry.user = user;
        return new Decision.Recorded(entry.clientId, entry.scope);
    }

    private Entry entryFor(UserCode userCode) {
        String hash = deviceCodeHashByUserCode.get(userCode);
        return hash == null ? null : byDeviceCodeHash.get(hash);
    }

    private static boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.expiresAt);
    }

    // Expired codes are kept for one more lifetime so late pollers hear expired_token rather
    // than invalid_grant; after that they go, so memory stays bounded.
    private void forgetLongExpired(Instant now) {
        byDeviceCodeHash.entrySet().removeIf(e -> {
            boolean gone = !now.isBefore(e.getValue().expiresAt.plus(settings.deviceCodeTtl()));
            if (gone) {
                deviceCodeHashByUserCode.remove(e.getValue().userCode);
            }
            return gone;
        });
    }

    private enum State { PENDING, APPROVED, DENIED }

    private static final class Entry {
        final String clientId;
        final String scope;
        final UserCode userCode;
        final Instant expiresAt;
        Duration interval;
        Instant lastPoll;
        State state = State.PENDING;
        DemoUser user;

        Entry(String clientId, String scope, UserCode userCode, Instant expiresAt, Duration interval) {
            this.clientId = clientId;
            this.scope = scope;
            this.userCode = userCode;
            this.expiresAt = expiresAt;
            this.interval = interval;
        }
    }
}
