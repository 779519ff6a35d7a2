package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads a Secret Service entry with libsecret's own {@code secret-tool lookup}, for a process that
 * starts, reads one entry and ends (the leak guard's pre-commit hook without an agent). The C
 * program answers in about 30 ms; binding libsecret in a cold JVM (its downcall stubs are spun on
 * every start) and the same lookup take 100 to 200 ms, on the path every commit waits for. The
 * value comes back through a pipe, never through arguments or the environment. A one-command
 * CLI process reads its session the same way ({@link ToolReadStore}, which calls {@link #shortRead}).
 *
 * <p>The lookup is libsecret's, exactly as {@link SecretServiceLookup} makes it: the first item
 * whose attributes include the entry's {@code service} and {@code account}, unlocked with the
 * keychain's prompt when it is locked. An item that is not there is an empty answer (exit 1,
 * nothing printed). Anything else the tool says (no session bus, an error of the service, a
 * timeout) sends the read to {@code fallback}, the libsecret store, which gives the reason; writes
 * and removals always go there.
 */
final class SecretToolReader extends ShortReadStore {

    /** The distribution's tool only: a program found on PATH is not trusted with the key. */
    static final Path DEFAULT_TOOL = Path.of("/usr/bin/secret-tool");
    /** Long enough for a person to answer the keychain's unlock prompt, which the tool puts up. */
    private static final Duration PROMPT_BOUND = Duration.ofSeconds(60);

    private final Path tool;
    private final Supplier<Optional<CredentialStore>> fallback;

    /** @param fallback libsecret's store in this process, or empty when libsecret does not load */
    SecretToolReader(Path tool, Supplier<Optional<CredentialStore>> fallback) {
        this.tool = tool;
        this.fallback = fallback;
    }

    /**
     * Whether the tool could find a session bus in {@code env}: its address, the user's bus
     * socket in {@code XDG_RUNTIME_DIR}, or an X display (where D-Bus can start one). Without
     * any, the tool only fails and libsecret is loaded after it anyway to say why, so the read
     * goes to libsecret at once.
     */
    static boolean busFindable(Map<String, String> env) {
        if (!env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").isBlank() || !env.getOrDefault("DISPLAY", "").isBlank()) {
            return true;
        }
        String runtime = env.getOrDefault("XDG_RUNTIME_DIR", "");
        return !runtime.isBlank() && Files.exists(Path.of(runtime, "bus"));
    }

    /** Whether {@code tool} can be run here. */
    static boolean usable(Path tool) {
        return Files.isExecutable(tool);
    }

    /** The tool's answer (a value, or none), or empty when it did not answer plainly. */
    @Override
    Optional<Optional<String>> shortRead(CredentialKey key) {
        Optional<BoundedTool.Answer> reply = BoundedTool.run(List.of(tool.toString(), "lookup", "service", key.service(),
                "account", key.account()), PROMPT_BOUND);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        try (BoundedTool.Answer a = reply.get()) {
            if (a.exit() == 0) {
                return Optional.of(Optional.of(a.outText()));
            }
            // Not found: exit 1 and not a word. An error of the bus or the service is printed.
            return a.exit() == 1 && a.out().length == 0 && a.err().length == 0 ? Optional.of(Optional.empty()) : Optional.empty();
        }
    }

    /**
     * Every Latchkey entry of {@code service} at once, account to entry, with the tool's {@code
     * search --all} ({@link SecretToolSearch}): one process for a session's five entries. Without
     * {@code --unlock}, so it never prompts: a locked item shows without its secret and the answer
     * is empty, as it is for anything the tool does not answer plainly. Standard error holds only
     * the attributes (a few lines per entry).
     */
    Optional<Map<String, String>> searchService(String service, Duration bound) {
        Optional<BoundedTool.Answer> reply = BoundedTool.run(List.of(tool.toString(), "search", "--all", "service", service),
                bound);
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        try (BoundedTool.Answer a = reply.get()) {
            return a.exit() != 0 ? Optional.empty() : SecretToolSearch.parse(service, a.outText(), a.errText());
        }
    }

    @Override
    CredentialStore openFull() throws KeychainException {
        Optional<CredentialStore> full = fallback.get();
        if (full.isEmpty()) {
            String reason = "libsecret could not be loaded";
            throw new KeychainUnavailableException(reason, reason, null);
        }
        return full.get();
    }
}
