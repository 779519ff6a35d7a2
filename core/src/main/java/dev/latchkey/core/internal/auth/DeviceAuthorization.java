package dev.latchkey.core.internal.auth;

import dev.latchkey.core.auth.DeviceCodePrompt;
import java.time.Instant;
import java.time.Duration;

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
