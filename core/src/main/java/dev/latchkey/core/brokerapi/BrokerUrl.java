package dev.latchkey.core.brokerapi;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

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
                if (!isLoopback(uri.getHost())) {
                    throw new IllegalArgumentException("the broker at " + uri
                            + " must use https; plain http is allowed only on this machine (127.0.0.1, localhost)");
                }
            }
            default -> throw new IllegalArgumentException("the broker URL must start with https://");
        }
        return uri;
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("localhost")) {
            return true;
        }
        // Only literal addresses: a name is not resolved here, so no DNS answer can make http acceptable.
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
