package dev.latchkey.core.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * An RFC 8628 device authorization response. {@link #toString()} hides the device code.
 *
 * @param deviceCode the code the client polls with (a credential until it expires)
 * @param prompt what to show the person
 * @param interval how long to wait between polls, as the IdP asked
 * @param receivedAt when the response arrived, by this machine's clock
 * @param lifetime the IdP's {@code expires_in}
 */
public record DeviceAuthorization(String deviceCode, DeviceCodePrompt prompt, Duration interval, Instant receivedAt,
        Duration lifetime) {

    @Override
    public String toString() {
        return "DeviceAuthorization[deviceCode=(hidden), userCode=(shown to the user only), interval=" + interval
                + ", lifetime=" + lifetime + "]";
    }
}
