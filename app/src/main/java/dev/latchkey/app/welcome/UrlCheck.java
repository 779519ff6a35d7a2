package dev.latchkey.app.welcome;

import dev.latchkey.core.brokerapi.BrokerInfo;
import java.net.URI;

/** Where the live check of a typed broker URL stands. */
public sealed interface UrlCheck {

    /** Nothing typed yet. */
    record Empty() implements UrlCheck {
    }

    /** The text cannot be a broker URL; {@code why} says how to fix it. */
    record Malformed(String why) implements UrlCheck {
    }

    /** Asking the broker. */
    record Checking(URI url) implements UrlCheck {
    }

    /** The broker answered its well-known document. */
    record Reachable(URI url, BrokerInfo info) implements UrlCheck {
    }

    /** The URL is well formed but no broker answered; {@code why} says what to check. */
    record Unreachable(URI url, String why) implements UrlCheck {
    }
}
