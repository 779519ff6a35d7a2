package dev.latchkey.app.welcome;

import java.net.URI;

/** Starts the embedded demo broker (blocking: it binds a port and seeds data) and says where it listens. */
@FunctionalInterface
public interface DemoStarter {

    URI start() throws Exception;
}
