package dev.latchkey.broker.devidp;

import java.time.Duration;
import java.util.Objects;

/**
 * Lifetimes and the client the development identity provider serves.
 *
 * @param clientId the one public client it knows ({@code latchkey}); every other id is refused
 * @param accessTokenTtl lifetime of access and ID tokens
 * @param deviceCodeTtl how long a device code (and its user code) may wait for approval
 * @param pollInterval the polling interval device-flow clients are asked to keep
 * @param refreshTokenTtl lifetime of each refresh token, counted from when it was issued
 */
public record DevIdpSettings(
        String clientId,
        Duration accessTokenTtl,
        Duration deviceCodeTtl,
        Duration pollInterval,
        Duration refreshTokenTtl) {

    /** Access tokens live this long unless told otherwise. */
    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(10);
    /** Device codes live this long unless told otherwise. */
    public static final Duration DEFAULT_DEVICE_CODE_TTL = Duration.ofMinutes(10);
    /** RFC 8628's default polling interval. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
    /** Refresh tokens live a working day: a developer signs in once in the morning. */
    public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofHours(10);

    public DevIdpSettings {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        requireWholePositiveSeconds(accessTokenTtl, "accessTokenTtl");
        requireWholePositiveSeconds(deviceCodeTtl, "deviceCodeTtl");
        requireWholePositiveSeconds(pollInterval, "pollInterval");
        requireWholePositiveSeconds(refreshTokenTtl, "refreshTokenTtl");
    }

    /** Defaults for {@code clientId}: ten-minute tokens and codes, a five-second interval. */
    public static DevIdpSettings defaults(String clientId) {
        return new DevIdpSettings(clientId, DEFAULT_ACCESS_TOKEN_TTL, DEFAULT_DEVICE_CODE_TTL,
                DEFAULT_POLL_INTERVAL, DEFAULT_REFRESH_TOKEN_TTL);
    }

    public DevIdpSettings withAccessTokenTtl(Duration value) {
        return new DevIdpSettings(clientId, value, deviceCodeTtl, pollInterval, refreshTokenTtl);
    }

    public DevIdpSettings withDeviceCodeTtl(Duration value) {
        return new DevIdpSettings(clientId, accessTokenTtl, value, pollInterval, refreshTokenTtl);
    }

    public DevIdpSettings withPollInterval(Duration value) {
        return new DevIdpSettings(clientId, accessTokenTtl, deviceCodeTtl, value, refreshTokenTtl);
    }

    public DevIdpSettings withRefreshTokenTtl(Duration value) {
        return new DevIdpSettings(clientId, accessTokenTtl, deviceCodeTtl, pollInterval, value);
    }

    // OAuth speaks in whole seconds (expires_in, interval, exp): a fraction would be rounded
    // differently by every client, so it is refused here.
    private static void requireWholePositiveSeconds(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toNanosPart() != 0) {
            throw new IllegalArgumentException("the dev IdP's " + name + " must be a positive whole number of "
                    + "seconds (OAuth counts lifetimes and intervals in seconds), was " + value.toMillis() + " ms");
        }
    }
}
