package dev.latchkey.core.internal.keychain;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Which program answers as the Secret Service, in the words its users know it by. */
final class SecretServiceNames {

    private SecretServiceNames() {
    }

    /** "Secret Service: GNOME Keyring", "Secret Service: KeePassXC", or just "Secret Service". */
    static String describe(GLib glib, MemorySegment service, GLib.Cancellable c) {
        try {
            return glib.ownerPid(service, c).flatMap(SecretServiceNames::program)
                    .map(p -> "Secret Service: " + p).orElse("Secret Service");
        } catch (GLib.Failure unknown) {
            return "Secret Service";
        }
    }

    /** The friendly name of the program with {@code pid}, from its command name. */
    static Optional<String> program(int pid) {
        try {
            String comm = Files.readString(Path.of("/proc", Integer.toString(pid), "comm"), StandardCharsets.UTF_8).strip();
            return Optional.of(friendly(comm));
        } catch (IOException | SecurityException noProc) {
            return Optional.empty();
        }
    }

    static String friendly(String command) {
        if (command.startsWith("gnome-keyring")) {
            return "GNOME Keyring";
        }
        if (command.startsWith("keepassxc")) {
            return "KeePassXC";
        }
        if (command.startsWith("kwalletd") || command.startsWith("ksecretd")) {
            return "KDE Wallet";
        }
        return command;
    }
}
