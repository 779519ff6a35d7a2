package dev.latchkey.core.internal.auth;

import dev.latchkey.core.auth.InsecureUrlException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.net.InetAddress;

/** Every IdP and broker URL is https, except on this machine's loopback (security invariant 5). */
public final class SecureUrl {

    private SecureUrl() {
    }

    /**
     * {@code text} as a URI, checked.
     *
     * @param what what the URL is for, such as "the IdP's token endpoint", for the message
     * @throws InsecureUrlException naming the URL and why it was refused
     */
    public static URI check(String what, String text) throws InsecureUrlException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException | NullPointerException e) {
            throw new InsecureUrlException(what + " '" + shorten(text)
                    + "' is not a URL; check the broker URL, or ask whoever runs the broker to fix its settings");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new InsecureUrlException(what + " '" + shorten(text)
                    + "' is not an absolute https URL; check the broker URL, or ask whoever runs the broker to fix its settings");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return uri;
        }
        if (scheme.equals("http") && isLoopback(uri.getHost())) {
            return uri;
        }
        if (scheme.equals("http")) {
            throw new InsecureUrlException(what + " " + shorten(text) + " uses plain http; Latchkey needs https "
                    + "for everything not on this machine. Ask whoever runs the broker to serve it over TLS.");
        }
        throw new InsecureUrlException(what + " " + shorten(text) + " is not an https URL; ask whoever runs the broker to fix its settings");
    }

    /** Whether {@code host} is a loopback literal or {@code localhost}; names are never resolved. */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String shorten(String text) {
        if (text == null) {
            return "(none)";
        }
        String oneLine = text.replaceAll("[\\r\\n\\t]", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }
}
