package dev.latchkey.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.internal.guard.FingerprintFile;
import dev.latchkey.core.internal.guard.GuardKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Received values are found in every form of the corpus, and the fingerprint file holds none of them. */
class LeakGuardTest {

    @TempDir
    Path state;

    @TempDir
    Path corpus;

    private LeakGuard guard() {
        return LeakGuard.builder().folder(state).credentialStore(GuardTestKeychain.store()).build();
    }

    private static List<Received> received(Map<String, String> values) {
        List<Received> out = new ArrayList<>();
        values.forEach((label, v) -> out.add(new Received(label, v, Optional.empty())));
        return out;
    }

    @Test
    void everyCorpusCaseIsCaughtAndNamesItsReference() throws Exception {
        LeakGuard guard = guard();
        GuardCorpus c = new GuardCorpus(17);
        Map<String, String> values = c.values(3);
        assertThat(guard.record(received(values)).get()).isEmpty();
        List<GuardCorpus.Case> cases = c.write(corpus, values);

        ScanReport r = guard.scan(List.of(corpus), corpus);

        assertThat(r.fingerprintsOn()).as(r.fingerprints()).isTrue();
        Map<String, Set<String>> found = r.findings().stream().filter(f -> f.kind() == Finding.Kind.KNOWN_VALUE)
                .collect(Collectors.groupingBy(Finding::path, Collectors.mapping(Finding::name, Collectors.toSet())));
        List<String> missed = cases.stream().filter(k -> !found.getOrDefault(k.file(), Set.of()).contains(k.label()))
                .map(GuardCorpus.Case::file).toList();
        assertThat(missed).as("cases not caught").isEmpty();
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
    }

    @Test
    void theFingerprintFileHoldsNoValueAndNoEncodingOfOne() throws Exception {
        LeakGuard guard = guard();
        Map<String, String> values = new GuardCorpus(3).values(2);
        guard.record(received(values)).get();
        byte[] file = Files.readAllBytes(state.resolve("fingerprints.lkg"));
        String asText = new String(file, StandardCharsets.ISO_8859_1);
        for (String v : values.values()) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            for (String form : List.of(v, Base64.getEncoder().encodeToString(b), HexFormat.of().formatHex(b),
                    v.substring(0, 8), v.substring(v.length() - 8))) {
                assertThat(asText).doesNotContain(form);
            }
        }
        assertThat(Files.getPosixFilePermissions(state.resolve("fingerprints.lkg")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aDamagedFileIsRefusedWithAHintAndTheScanGoesOnWithPatternRules() throws Exception {
        LeakGuard guard = guard();
        guard.record(received(Map.of("latchkey://t/dev/a", "ak_ThisIsAValueOfSomeLength123"))).get();
        Path file = state.resolve("fingerprints.lkg");
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x55;
        Files.write(file, b);
        Files.writeString(corpus.resolve("a.env"), "A=ak_ThisIsAValueOfSomeLength123\nK=AKIAZ7Q2WXYV3LMN4PRS\n");

        ScanReport r = guard.scan(List.of(corpus), corpus);

        assertThat(r.fingerprintsOn()).isFalse();
        assertThat(r.fingerprints()).contains("damaged").contains("move it aside");
        assertThat(r.findings()).extracting(Finding::name).containsExactly("aws-access-token");
        // Recording again sets the damaged file aside and starts a new one.
        Optional<String> notice = guard.record(received(Map.of("latchkey://t/dev/a", "ak_ThisIsAValueOfSomeLength123")))
                .get();
        assertThat(notice).hasValueSatisfying(n -> assertThat(n).contains("damaged").contains("started a new one"));
        assertThat(guard.scan(List.of(corpus), corpus).findings()).extracting(Finding::name)
                .contains("latchkey://t/dev/a");
    }

    @Test
    void expiredEntriesAreNotMatchedAndAreDroppedOnTheNextRecord() throws Exception {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        LeakGuard old = LeakGuard.builder().folder(state).credentialStore(GuardTestKeychain.store())
                .clock(Clock.fixed(t0, ZoneOffset.UTC)).expiry(Duration.ofDays(1)).build();
        old.record(received(Map.of("latchkey://t/dev/old", "old_ValueThatWillExpire4242"))).get();
        Files.writeString(corpus.resolve("a.env"), "A=old_ValueThatWillExpire4242\n");
        assertThat(old.scan(List.of(corpus), corpus).findings()).hasSize(1);

        LeakGuard later = LeakGuard.builder().folder(state).credentialStore(GuardTestKeychain.store())
                .clock(Clock.fixed(t0.plus(Duration.ofDays(2)), ZoneOffset.UTC)).build();
        assertThat(later.scan(List.of(corpus), corpus).findings()).isEmpty();
    }

    @Test
    void aPublicPartOfAUrlValueIsNoFinding() throws Exception {
        LeakGuard guard = guard();
        guard.record(received(Map.of("latchkey://t/dev/db-url",
                "postgresql://payments_app:dev-Kq83vLx2@db.internal.example:5432/payments"))).get();
        Files.writeString(corpus.resolve("template.env"),
                "DB_URL=postgresql://payments_app:${DB_PASSWORD}@db.internal.example:5432/payments\n");
        Files.writeString(corpus.resolve("leak.env"), "DB_PASSWORD=dev-Kq83vLx2\n");

        ScanReport r = guard.scan(List.of(corpus), corpus);

        assertThat(r.findings()).extracting(Finding::path).containsExactly("leak.env");
    }

    @Test
    void aFileFromBeforeThePrefilterIsReadAndMovesToTheNewFormatAsItsValuesAreReceivedAgain() throws Exception {
        LeakGuard guard = guard();
        guard.record(received(Map.of("latchkey://t/dev/a", "ak_ThisIsAValueOfSomeLength123",
                "latchkey://t/dev/b", "bk_AnotherValueOfSomeLength456"))).get();
        Path file = state.resolve("fingerprints.lkg");
        Files.write(file, versionOne(Files.readAllBytes(file)));
        Files.writeString(corpus.resolve("a.env"), "A=ak_ThisIsAValueOfSomeLength123\nB=bk_AnotherValueOfSomeLength456\n");

        ScanReport r = guard.scan(List.of(corpus), corpus);

        assertThat(r.fingerprintsOn()).as(r.fingerprints()).isTrue();
        assertThat(r.findings()).extracting(Finding::name).containsExactlyInAnyOrder("latchkey://t/dev/a", "latchkey://t/dev/b");
        // Recorded again over the old file: version 3, still without a prefilter while b's old prints remain.
        guard.record(received(Map.of("latchkey://t/dev/a", "ak_ThisIsAValueOfSomeLength123"))).get();
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file)).getShort(4)).isEqualTo((short) 3);
        assertThat(FingerprintFile.read(file, GuardKey.load(GuardTestKeychain.store(), false).id()).filter().table())
                .isNull();
        assertThat(guard.scan(List.of(corpus), corpus).findings()).hasSize(2);
        // Once every value was received again, the prefilter is back, and both are still found.
        guard.record(received(Map.of("latchkey://t/dev/b", "bk_AnotherValueOfSomeLength456"))).get();
        assertThat(FingerprintFile.read(file, GuardKey.load(GuardTestKeychain.store(), false).id()).filter().table())
                .isNotNull();
        assertThat(guard.scan(List.of(corpus), corpus).findings()).hasSize(2);
    }

    @Test
    void aFileWithATableOfOneProbeIsReadAsWrittenAndWrittenAnewWithTwo() throws Exception {
        // Version 2 set one bit a print; read with two probes, most of its prints would be turned away.
        LeakGuard guard = guard();
        guard.record(received(Map.of("latchkey://t/dev/a", "ak_ThisIsAValueOfSomeLength123"))).get();
        Path file = state.resolve("fingerprints.lkg");
        Files.write(file, versionTwo(Files.readAllBytes(file)));
        Files.writeString(corpus.resolve("a.env"), "A=ak_ThisIsAValueOfSomeLength123\nB=bk_AnotherValueOfSomeLength456\n");

        assertThat(guard.scan(List.of(corpus), corpus).findings()).extracting(Finding::name)
                .containsExactly("latchkey://t/dev/a");

        guard.record(received(Map.of("latchkey://t/dev/b", "bk_AnotherValueOfSomeLength456"))).get();
        assertThat(ByteBuffer.wrap(Files.readAllBytes(file)).getShort(4)).isEqualTo((short) 3);
        assertThat(guard.scan(List.of(corpus), corpus).findings()).extracting(Finding::name)
                .containsExactlyInAnyOrder("latchkey://t/dev/a", "latchkey://t/dev/b");
    }

    @Test
    void aDamagedPrefilterIsRefusedWithAHint() throws Exception {
        LeakGuard guard = guard();
        guard.record(received(Map.of("latchkey://t/dev/a", "ak_ThisIsAValueOfSomeLength123"))).get();
        Path file = state.resolve("fingerprints.lkg");
        byte[] b = Files.readAllBytes(file);
        ByteBuffer.wrap(b).putInt(tableBitsAt(b), 1000); // not a power of two
        Files.write(file, withCrc(b));

        ScanReport r = guard.scan(List.of(corpus), corpus);

        assertThat(r.fingerprintsOn()).isFalse();
        assertThat(r.fingerprints()).contains("damaged").contains("move it aside");
    }

    /** Where a version 2 or 3 file's table size is: after the header, entries, prints and owners. */
    private static int tableBitsAt(byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file);
        in.position(16);
        int entries = in.getInt();
        for (int i = 0; i < entries; i++) {
            in.position(in.position() + 2 + (in.getShort(in.position()) & 0xffff));
            in.position(in.position() + 2 + (in.getShort(in.position()) & 0xffff) + 24);
        }
        int prints = in.getInt();
        return in.position() + prints * 12;
    }

    /** The file as Latchkey wrote it with a table of one probe a print: version 2, the same layout. */
    private static byte[] versionTwo(byte[] v3) {
        byte[] v2 = v3.clone();
        ByteBuffer b = ByteBuffer.wrap(v2);
        int at = tableBitsAt(v2);
        int bits = b.getInt(at);
        int keyedAt = at + 4;
        int tableAt = v2.length - 4 - bits / 8;
        Arrays.fill(v2, tableAt, tableAt + bits / 8, (byte) 0);
        for (int i = 0; i < (tableAt - keyedAt) / 4; i++) {
            int bit = b.getInt(keyedAt + 4 * i) & (bits - 1);
            v2[tableAt + (bit >>> 3)] |= (byte) (1 << (bit & 7));
        }
        b.putShort(4, (short) 2);
        return withCrc(v2);
    }

    /** The file as Latchkey wrote it before the prefilter: version 1, ending after the owners. */
    private static byte[] versionOne(byte[] v2) {
        byte[] v1 = Arrays.copyOf(v2, tableBitsAt(v2) + 4);
        ByteBuffer.wrap(v1).putShort(4, (short) 1);
        return withCrc(v1);
    }

    private static byte[] withCrc(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }
}
