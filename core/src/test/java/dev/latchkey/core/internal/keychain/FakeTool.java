package dev.latchkey.core.internal.keychain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A stand-in for a keychain tool (secret-tool, dbus-send): a shell script the keychain tests write. */
final class FakeTool {

    private FakeTool() {
    }

    /**
     * Writes an executable {@code /bin/sh} script running {@code body} into {@code dir} (a new file
     * whose name starts with {@code name}) and returns its path.
     */
    static Path write(Path dir, String name, String body) throws IOException {
        Path tool = Files.createTempFile(dir, name, "");
        Files.writeString(tool, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
        return tool;
    }
}
