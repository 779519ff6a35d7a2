package dev.latchkey.core.internal.keychain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the session bus about the Secret Service with the D-Bus reference tool {@code dbus-send},
 * for a one-command process that reads its entries with {@code secret-tool} and so never binds
 * libsecret: whether the default collection is unlocked, whether any entry of a service is locked,
 * and which process answers (to name the program keeping the keychain). Every question is one
 * short process, bounded in time; its arguments are object paths and attribute values (a broker's
 * URL), never a secret, and no answer holds one. Any answer that is not the plain one expected is
 * empty: the caller then takes libsecret's long way, which says why.
 */
final class SecretServiceBus {

    /** The distribution's tool only: a program found on PATH is not trusted with the keychain's answers. */
    static final Path DEFAULT_TOOL = Path.of("/usr/bin/dbus-send");

    private static final String SECRETS = "org.freedesktop.secrets";

    private final Path tool;
    private final Duration bound;

    SecretServiceBus(Path tool, Duration bound) {
        this.tool = tool;
        this.bound = bound;
    }

    static boolean usable(Path tool) {
        return Files.isExecutable(tool);
    }

    /** Whether the default collection is locked; empty when there is none or the service did not answer. */
    Optional<Boolean> defaultCollectionLocked() {
        // Asking the service first starts it when the bus starts it on demand. (No lambdas on this
        // path: each would be linked at run time in a one-command process.)
        Optional<List<String>> reply = ask(SECRETS, "/org/freedesktop/secrets/aliases/default",
                "org.freedesktop.DBus.Properties.Get", "string:org.freedesktop.Secret.Collection", "string:Locked");
        if (reply.isEmpty() || reply.get().size() != 1) {
            return Optional.empty();
        }
        return switch (reply.get().get(0).strip().replaceAll("\\s+", " ")) {
            case "variant boolean false" -> Optional.of(false);
            case "variant boolean true" -> Optional.of(true);
            default -> Optional.empty();
        };
    }

    /**
     * Whether no item with this {@code service} attribute is locked (none there is an answer too);
     * empty when the service did not answer plainly or the value cannot be passed as is.
     */
    Optional<Boolean> serviceUnlocked(String service) {
        if (service.contains(",") || service.isEmpty()) {
            return Optional.empty(); // dbus-send's dictionary syntax splits on commas
        }
        Optional<List<String>> reply = ask(SECRETS, "/org/freedesktop/secrets", "org.freedesktop.Secret.Service.SearchItems",
                "dict:string:string:service," + service);
        return reply.isEmpty() ? Optional.empty() : lockedItemsNone(reply.get());
    }

    /** The process that owns the Secret Service's name on the bus. */
    Optional<Integer> ownerPid() {
        // Plain code, no lambda: `latchkey status` asks this in a one-command process.
        Optional<List<String>> reply = ask("org.freedesktop.DBus", "/org/freedesktop/DBus",
                "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:" + SECRETS);
        if (reply.isEmpty() || reply.get().size() != 1 || !reply.get().get(0).strip().startsWith("uint32 ")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(reply.get().get(0).strip().substring("uint32 ".length()).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SearchItems answers two arrays of object paths, unlocked then locked: whether the second is empty. */
    static Optional<Boolean> lockedItemsNone(List<String> lines) {
        List<List<String>> arrays = new ArrayList<>();
        List<String> open = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.equals("array [")) {
                if (open != null) {
                    return Optional.empty();
                }
                open = new ArrayList<>();
            } else if (line.equals("]") && open != null) {
                arrays.add(open);
                open = null;
            } else if (open != null && line.startsWith("object path ")) {
                open.add(line);
            } else {
                return Optional.empty();
            }
        }
        return arrays.size() == 2 && open == null ? Optional.of(arrays.get(1).isEmpty()) : Optional.empty();
    }

    /** The reply's lines after its header, or empty when the call failed or did not end within the bound. */
    private Optional<List<String>> ask(String destination, String path, String method, String... args) {
        List<String> command = new ArrayList<>(List.of(tool.toString(), "--session", "--print-reply",
                "--reply-timeout=" + bound.toMillis(), "--dest=" + destination, path, method));
        command.addAll(List.of(args));
        // The tool's own reply timeout first; the bound ends it if it does not keep to it.
        Optional<BoundedTool.Answer> reply = BoundedTool.run(command, bound.plusMillis(500));
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        try (BoundedTool.Answer a = reply.get()) {
            List<String> lines = a.outText().lines().toList();
            if (a.exit() != 0 || lines.isEmpty() || !lines.get(0).startsWith("method return ")) {
                return Optional.empty();
            }
            return Optional.of(lines.subList(1, lines.size()));
        }
    }
}
