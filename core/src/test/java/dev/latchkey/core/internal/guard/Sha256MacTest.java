package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The guard's own HMAC-SHA-256 gives the same bits as the JDK's, for every message length that matters. */
class Sha256MacTest {

    @Test
    void matchesTheJdksHmacForTextsOfEveryLengthAcrossBlockBoundaries() throws Exception {
        Random random = new Random(17);
        for (int keyLength : new int[] {1, 16, 32, 64}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            Sha256Mac ours = new Sha256Mac(key);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            for (int length = 0; length < 140; length++) {
                StringBuilder text = new StringBuilder();
                for (int i = 0; i < length; i++) {
                    text.append((char) (32 + random.nextInt(0x3000)));
                }
                String prefix = "xx";
                String padded = prefix + text + "yy";
                byte[] utf16 = text.toString().getBytes(StandardCharsets.UTF_16BE);
                byte[] withDomain = new byte[utf16.length + 1];
                withDomain[0] = 'W';
                System.arraycopy(utf16, 0, withDomain, 1, utf16.length);
                long expected = ByteBuffer.wrap(jdk.doFinal(withDomain)).getLong();
                assertThat(ours.mac64((byte) 'W', padded, prefix.length(), prefix.length() + length))
                        .as("key %d bytes, text %d chars", keyLength, length).isEqualTo(expected);
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                byte[] withV = new byte[length + 1];
                withV[0] = 'V';
                System.arraycopy(bytes, 0, withV, 1, length);
                assertThat(ours.mac64((byte) 'V', bytes)).isEqualTo(ByteBuffer.wrap(jdk.doFinal(withV)).getLong());
            }
        }
    }
}
