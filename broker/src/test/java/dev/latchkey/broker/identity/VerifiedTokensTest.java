package dev.latchkey.broker.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The memory of checked tokens: by hash, per key set, bounded. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Caller ADA = new Caller("sub-ada", "ada", Set.of("payments-dev"), "latchkey");

    @Test
    void anEntryCountsOnlyForTheKeySetThatVerifiedIt() {
        VerifiedTokens tokens = new VerifiedTokens();
        Object keys = new Object();
        ByteBuffer id = VerifiedTokens.keyOf("header.claims.signature");
        tokens.remember(id, new VerifiedTokens.Verified(ADA, NOW.plusSeconds(60), null, keys), NOW);

        assertThat(tokens.find(VerifiedTokens.keyOf("header.claims.signature"), keys)).isPresent();
        assertThat(tokens.find(id, new Object())).isEmpty();
        assertThat(tokens.find(VerifiedTokens.keyOf("header.claims.signaturf"), keys)).isEmpty();
    }

    @Test
    void theKeyIsAHashNotTheToken() {
        ByteBuffer id = VerifiedTokens.keyOf("header.claims.signature");
        assertThat(id.remaining()).isEqualTo(32);
    }

    @Test
    void whenFullExpiredEntriesGoFirst() {
        VerifiedTokens tokens = new VerifiedTokens();
        Object keys = new Object();
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES; i++) {
            Instant expires = i == 0 ? NOW.plusSeconds(3_600) : NOW.minusSeconds(3_600);
            tokens.remember(VerifiedTokens.keyOf("t" + i), new VerifiedTokens.Verified(ADA, expires, null, keys), NOW);
        }
        tokens.remember(VerifiedTokens.keyOf("fresh"), new VerifiedTokens.Verified(ADA, NOW.plusSeconds(60), null,
                keys), NOW);

        assertThat(tokens.size()).isEqualTo(2);
        assertThat(tokens.find(VerifiedTokens.keyOf("t0"), keys)).isPresent();
    }
}
