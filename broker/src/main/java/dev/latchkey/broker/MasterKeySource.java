package dev.latchkey.broker;

import java.nio.file.Path;
import java.util.Arrays;

/** Where the master key comes from: a file holding it, or an environment variable. */
public sealed interface MasterKeySource {
    /** A file whose content is the base64 of 32 random bytes. */
    record File(Path path) implements MasterKeySource {
    }

    /** An environment variable holding the base64 of 32 random bytes. */
    record EnvVar(String name) implements MasterKeySource {
    }

    /** The key itself, for embedding and tests. {@link #toString()} hides it. */
    record Bytes(byte[] key) implements MasterKeySource {
        @Override
        public String toString() {
            return "Bytes[<hidden>]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes b && Arrays.equals(key, b.key);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(key);
        }
    }
}
