package dev.latchkey.app.welcome;

import java.net.URI;

/** Starts the demo broker (blocking: its process starts, seeds its data and says where it listens) and says where. */
@FunctionalInterface
public interface DemoStarter {

    URI start() throws Exception;
}
