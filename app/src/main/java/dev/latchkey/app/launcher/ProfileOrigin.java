package dev.latchkey.app.launcher;

import java.nio.file.Path;

/** Where a launch profile comes from: the app's own store (editable here) or a project's {@code latchkey.toml}. */
public sealed interface ProfileOrigin {

    /** Saved by the app in its config folder. */
    record Saved() implements ProfileOrigin {
    }

    /** Read from a project's file; edited there, with the project, not here. */
    record Project(Path file) implements ProfileOrigin {
    }
}
