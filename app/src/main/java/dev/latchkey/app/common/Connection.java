package dev.latchkey.app.common;

import dev.latchkey.core.brokerapi.BrokerInfo;
import java.net.URI;
import java.util.Objects;

/**
 * The broker the app is talking to, as its well-known document described it.
 *
 * @param url the broker's URL
 * @param info what {@code /.well-known/latchkey} said
 * @param demo true for the app's own demo broker (development mode, on this machine)
 */
public record Connection(URI url, BrokerInfo info, boolean demo) {

    public Connection {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(info, "info");
    }
}
