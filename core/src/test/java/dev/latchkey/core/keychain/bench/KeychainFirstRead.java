package dev.latchkey.core.keychain.bench;

import dev.latchkey.core.internal.keychain.KeychainProbe;
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.StorageMode;

/**
 * One fresh JVM's first keychain read, as a CLI command does it: open the keychain (the probe)
 * and read one entry. {@code bench/keychain-bench.sh} times whole runs of it against a bare JVM.
 *
 * <p>Argument: {@code hello} (prints and exits: the baseline), {@code setup} (stores the entry)
 * or {@code read}.
 */
public final class KeychainFirstRead {

    private static final CredentialKey KEY = new CredentialKey(CredentialKey.SERVICE_PREFIX + "bench", "ada/access-token");

    private KeychainFirstRead() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("hello")) {
            System.out.println("hello");
            return;
        }
        CredentialStore store = KeychainProbe.open();
        if (!(store.mode() instanceof StorageMode.Keychain)) {
            System.err.println(store.mode().describe());
            System.exit(2);
        }
        switch (args[0]) {
            case "setup" -> store.write(KEY, "{\"token\":\"" + "x".repeat(800) + "\",\"expiresAt\":1}");
            case "read" -> System.out.println(store.mode().describe() + " read " + store.read(KEY).orElseThrow().length()
                    + " characters");
            case "clean" -> store.delete(KEY);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }
}
