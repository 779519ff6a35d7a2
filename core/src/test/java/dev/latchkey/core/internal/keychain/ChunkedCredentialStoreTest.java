package dev.latchkey.core.internal.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.CredentialStore;
import dev.latchkey.core.keychain.InMemoryCredentialStore;
import dev.latchkey.core.keychain.KeychainException;
import dev.latchkey.core.keychain.StorageMode;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkedCredentialStoreTest {

    private final InMemoryCredentialStore entries = new InMemoryCredentialStore();
    private final ChunkedCredentialStore store = new ChunkedCredentialStore(entries, 100);
    private final CredentialKey key = CredentialKey.of(URI.create("http://127.0.0.1:1"), "ada", "refresh-token");

    @Test
    void aShortValueIsOneEntry() throws Exception {
        store.write(key, "short");
        assertThat(store.read(key)).contains("short");
        assertThat(entries.size()).isEqualTo(1);
    }

    @Test
    void aLongValueIsSplitIntoChunksNoneLongerThanTheLimitAndJoinedOnRead() throws Exception {
        String value = "x".repeat(950) + "end";
        store.write(key, value);
        assertThat(store.read(key)).contains(value);
        assertThat(entries.size()).isEqualTo(1 + 10);
        for (int i = 0; i < 10; i++) {
            assertThat(entries.read(key.withAccount(key.account() + "#" + i)).orElseThrow()).hasSizeLessThanOrEqualTo(100);
        }
    }

    @Test
    void aShorterValueLeavesNoStaleChunksAndDeleteRemovesThemAll() throws Exception {
        store.write(key, "y".repeat(1000));
        store.write(key, "z".repeat(250));
        assertThat(entries.size()).isEqualTo(1 + 3);
        assertThat(store.read(key)).contains("z".repeat(250));
        store.delete(key);
        assertThat(entries.size()).isZero();
        assertThat(store.read(key)).isEmpty();
    }

    @Test
    void aMissingChunkIsATypedErrorThatSaysWhatToDo() throws Exception {
        store.write(key, "s3cr3t-".repeat(40));
        entries.delete(key.withAccount(key.account() + "#1"));
        assertThatThrownBy(() -> store.read(key)).isInstanceOf(KeychainException.class)
                .hasMessageContaining("sign in again").hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aReaderThatCatchesAnotherProcessHalfWayThroughAWriteReadsAgain() throws Exception {
        String first = "a".repeat(250);
        String second = "b".repeat(250);
        store.write(key, first);
        // The other process has written its first chunk, not yet the rest nor the header.
        CredentialKey chunk0 = key.withAccount(key.account() + "#0");
        entries.write(chunk0, second.substring(0, 100));
        CredentialStore halfWay = new CredentialStore() {
            private boolean finished;

            @Override
            public Optional<String> read(CredentialKey k) throws KeychainException {
                Optional<String> v = entries.read(k);
                if (!finished && k.equals(key.withAccount(key.account() + "#2"))) {
                    finished = true; // ...and it finishes while this reader is at the last chunk
                    new ChunkedCredentialStore(entries, 100).write(key, second);
                }
                return v;
            }

            @Override
            public void write(CredentialKey k, String value) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void delete(CredentialKey k) {
                throw new UnsupportedOperationException();
            }

            @Override
            public StorageMode mode() {
                return entries.mode();
            }
        };
        assertThat(new ChunkedCredentialStore(halfWay, 100).read(key)).contains(second);
    }

    @Test
    void chunksWrittenByEarlierVersionsWithoutAChecksumAreStillRead() throws Exception {
        entries.write(key, "#2");
        entries.write(key.withAccount(key.account() + "#0"), "x".repeat(100));
        entries.write(key.withAccount(key.account() + "#1"), "y");
        assertThat(store.read(key)).contains("x".repeat(100) + "y");
    }

    @Test
    void whereTheKeychainTakesLongValuesOldChunksAreReadThenReplacedByOneEntry() throws Exception {
        store.write(key, "z".repeat(250));
        ChunkedCredentialStore unsplit = new ChunkedCredentialStore(entries, ChunkedCredentialStore.UNSPLIT_CHARS);
        assertThat(unsplit.read(key)).contains("z".repeat(250));
        unsplit.write(key, "w".repeat(5000));
        assertThat(entries.size()).isEqualTo(1);
        assertThat(unsplit.read(key)).contains("w".repeat(5000));
    }

    @Test
    void theDefaultChunkFitsWindowsCredentialLimitInUtf16() {
        assertThat(ChunkedCredentialStore.DEFAULT_CHUNK_CHARS * 2).isLessThanOrEqualTo(2560);
    }
}
