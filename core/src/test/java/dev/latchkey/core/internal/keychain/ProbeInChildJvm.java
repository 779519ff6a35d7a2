package dev.latchkey.core.internal.keychain;

import dev.latchkey.core.keychain.CredentialStore;
import java.time.Duration;

/** Run in a child JVM whose environment has no Secret Service: prints the probe's verdict and time. */
public final class ProbeInChildJvm {

    private ProbeInChildJvm() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        CredentialStore store = KeychainProbe.open(Duration.ofMillis(Long.parseLong(args[0])));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("mode=" + store.mode().getClass().getSimpleName());
        System.out.println("elapsedMs=" + ms);
        System.out.println("describe=" + store.mode().describe());
        System.exit(0);
    }
}
