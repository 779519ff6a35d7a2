package dev.latchkey.core.keychain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
    void theDefaultChunkFitsWindowsCredentialLimitInUtf16() {
        assertThat(ChunkedCredentialStore.DEFAULT_CHUNK_CHARS * 2).isLessThanOrEqualTo(2560);
    }
}
