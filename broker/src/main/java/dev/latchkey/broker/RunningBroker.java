package dev.latchkey.broker;

import java.net.URI;

/** A started broker. Closing it stops the server and releases its port. */
public interface RunningBroker extends AutoCloseable {

    /** The base URL clients use, such as {@code http://127.0.0.1:41234}. */
    URI url();

    @Override
    void close();
}
