package dev.latchkey.broker.devidp;

import java.net.URI;
import java.util.function.Supplier;

/**
 * The IdP's own addresses, learned from the broker once it has bound its port.
 *
 * <p>They come from the broker's configured URL, not from each request's Host header: the
 * issuer is part of every token, and a token must not change issuer because one client wrote
 * {@code localhost} and another {@code 127.0.0.1}.
 */
final class DevIdpUrls {

    private final Supplier<URI> brokerUrl;

    DevIdpUrls(Supplier<URI> brokerUrl) {
        this.brokerUrl = brokerUrl;
    }

    URI issuer() {
        URI base = brokerUrl.get();
        if (base == null) {
            throw new IllegalStateException("the dev IdP was asked for its issuer before the broker had started");
        }
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text)
                + DevIdentityProvider.PATH);
    }

    /** An absolute URL below the issuer, such as {@code at("/token")}. */
    String at(String path) {
        return issuer() + path;
    }
}
