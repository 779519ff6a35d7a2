package dev.latchkey.core.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prefilter's SipHash is SipHash-2-4, and its table never turns away a recorded stretch. */
class PrefilterTest {

    @Test
    void sipHashGivesThePublishedTestVector() {
        // SipHash reference vectors: key 00 01 .. 0f, message 00 01 .. 07 gives 62 24 93 9a 79 f5 f5 93.
        Prefilter p = new Prefilter(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
        assertThat(p.sip(0x0706050403020100L)).isEqualTo(0x93f5f5799a932462L);
    }

    @Test
    void everyRecordedStretchPassesAndMostOthersDoNot() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 3);
        Sha256Mac mac = new Sha256Mac(key);
        Prefilter p = new Prefilter(mac);
        Fingerprinter printer = new Fingerprinter(mac);
        FingerprintSet.Builder b = new FingerprintSet.Builder(1);
        Random random = new Random(5);
        for (int v = 0; v < 200; v++) {
            Fingerprinter.Prints prints = printer.of("value-" + Long.toHexString(random.nextLong()) + "-" + v);
            b.add(new FingerprintSet.Entry("latchkey://t/dev/v" + v, "", prints.valueId(), java.time.Instant.EPOCH,
                    Instant.MAX), prints.prints(), prints.tags(), prints.keyed());
        }
        FingerprintSet set = b.build();
        assertThat(set.filter()).isNotNull();
        for (int i = 0; i < set.size(); i++) {
            assertThat(set.mayHold(set.filter().keyed().get(i))).isTrue();
        }
        int passed = 0;
        for (int i = 0; i < 100_000; i++) {
            String other = "other text " + i;
            passed += set.mayHold(p.keyed(Prefilter.cheap(Fingerprinter.WINDOW, other, 0, other.length()))) ? 1 : 0;
        }
        // At least 16 table bits a print, two set for each: about 1 in 100 unrelated stretches passes.
        assertThat(passed).isBetween(100, 100_000 / 60);
    }

    @Test
    void aSetReadFromItsFileTurnsAwayNoRecordedStretchAndAnswersAsTheSetWritten(@TempDir Path dir) throws Exception {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 9);
        Sha256Mac mac = new Sha256Mac(key);
        Prefilter p = new Prefilter(mac);
        Fingerprinter printer = new Fingerprinter(mac);
        FingerprintSet.Builder b = new FingerprintSet.Builder(3);
        for (int v = 0; v < 300; v++) {
            Fingerprinter.Prints prints = printer.of("stored-value-" + v + "-" + Integer.toHexString(v * 7919));
            b.add(new FingerprintSet.Entry("latchkey://t/dev/s" + v, "", prints.valueId(), Instant.EPOCH, Instant.MAX),
                    prints.prints(), prints.tags(), prints.keyed());
        }
        FingerprintSet written = b.build();
        Path file = dir.resolve("fingerprints.lkg");
        FingerprintFile.write(file, written);

        // Read back, the table is the file's bytes (mapped where the system allows), copied for the scan.
        FingerprintSet read = FingerprintFile.read(file, 3);

        assertThat(read.size()).isEqualTo(written.size());
        for (int i = 0; i < read.size(); i++) {
            assertThat(read.mayHold(read.filter().keyed().get(i))).isTrue();
        }
        for (int i = 0; i < 20_000; i++) {
            String other = "unrelated stretch " + i;
            int keyed = p.keyed(Prefilter.cheap(Fingerprinter.TOKEN, other, 0, other.length()));
            assertThat(read.mayHold(keyed)).isEqualTo(written.mayHold(keyed));
        }
    }
}
