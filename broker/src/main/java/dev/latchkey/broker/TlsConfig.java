package dev.latchkey.broker;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * HTTPS from a PKCS#12 keystore.
 *
 * @param keystore the .p12 file holding the key and certificate chain
 * @param password its password (read from an environment variable, never argv)
 */
public record TlsConfig(Path keystore, char[] password) {
    @Override
    public String toString() {
        return "TlsConfig[" + keystore + ", password=<hidden>]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsConfig t && keystore.equals(t.keystore)
                && Arrays.equals(password, t.password);
    }

    @Override
    public int hashCode() {
        return keystore.hashCode();
    }
}
