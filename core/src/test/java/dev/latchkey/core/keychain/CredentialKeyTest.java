package dev.latchkey.core.keychain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key's written-out equality is the record's: both names, nothing else. */
class CredentialKeyTest {

    private static final URI BROKER = URI.create("https://broker.example");

    @Test
    void keysWithTheSameNamesAreEqualAndHashAlike() {
        CredentialKey a = CredentialKey.of(BROKER, "3f2a", "refresh-token");
        CredentialKey b = new CredentialKey("latchkey:https://broker.example", "3f2a/refresh-token");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        Map<CredentialKey, String> map = new HashMap<>();
        map.put(a, "found");
        assertThat(map).containsEntry(b, "found");
    }

    @Test
    void keysDifferingInServiceOrAccountDiffer() {
        CredentialKey a = new CredentialKey("latchkey:one", "user/item");
        assertThat(a).isNotEqualTo(new CredentialKey("latchkey:two", "user/item"))
                .isNotEqualTo(new CredentialKey("latchkey:one", "user/other"))
                .isNotEqualTo(a.withAccount("user/item/0"))
                .isNotEqualTo("latchkey:one user/item")
                .isNotEqualTo(null);
        // Swapped names are not the same key.
        assertThat(new CredentialKey("ab", "cd")).isNotEqualTo(new CredentialKey("cd", "ab"));
        assertThat(a.toString()).contains("latchkey:one", "user/item");
    }
}
