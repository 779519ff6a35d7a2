package dev.latchkey.core.internal.keychain;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.latchkey.core.keychain.CredentialKey;
import java.util.Map;
import java.util.Optional;

/** Which program answers as the Secret Service, in the words its users know it by; what Latchkey's items are called there. */
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

    /** The item's attributes: exactly {@code service} and {@code account}, as java-keyring wrote them. */
    static Map<String, String> attributes(CredentialKey key) {
        return Map.of("service", key.service(), "account", key.account());
    }

    /** The item's title in keychain windows (KeePassXC shows it as the entry's title). */
    static String label(CredentialKey key) {
        String broker = key.service().startsWith(CredentialKey.SERVICE_PREFIX)
                ? key.service().substring(CredentialKey.SERVICE_PREFIX.length()) : key.service();
        return "Latchkey " + key.account() + " (" + broker + ")";
    }
}
