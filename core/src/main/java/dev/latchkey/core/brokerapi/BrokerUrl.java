package dev.latchkey.core.brokerapi;

import dev.latchkey.core.internal.auth.SecureUrl;
import java.net.URI;

/** Checks a broker URL: https everywhere, plain http only on loopback (security invariant 5). */
public final class BrokerUrl {

    private BrokerUrl() {
    }

    /**
     * The URL without a trailing slash.
     *
     * @throws IllegalArgumentException saying why the URL cannot be used
     */
    public static URI check(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL; write it like https://broker.example.com");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new IllegalArgumentException("'" + text + "' is not a URL; write it like https://broker.example.com");
        }
        switch (uri.getScheme()) {
            case "https" -> { }
            case "http" -> {
                if (!SecureUrl.isLoopback(uri.getHost())) {
                    throw new IllegalArgumentException("the broker at " + uri
                            + " must use https; plain http is allowed only on this machine (127.0.0.1, localhost)");
                }
            }
            default -> throw new IllegalArgumentException("the broker URL must start with https://");
        }
        return uri;
    }
}
