package dev.latchkey.core.auth;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * What to show the person signing in: the code to type and where, or one link that carries the
 * code (for a QR code or an "open browser" button). The device code itself stays inside
 * {@link DeviceFlow}: it is a bearer credential until approved.
 *
 * @param userCode the short code the person types at {@code verificationUri}
 * @param verificationUri where to type it
 * @param verificationUriComplete a link with the code already in it, when the IdP offers one
 * @param expiresAt when the code stops working, by this machine's clock
 */
public record DeviceCodePrompt(String userCode, URI verificationUri, Optional<URI> verificationUriComplete,
        Instant expiresAt) {

    /** The link to open or encode as a QR code: the complete one when there is one. */
    public URI linkToOpen() {
        return verificationUriComplete.orElse(verificationUri);
    }
}
