package dev.latchkey.core.internal.guard;

import dev.latchkey.core.config.PrivateFiles;
import dev.latchkey.core.guard.Received;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds received values to the fingerprint file under a lock (several launches may record at
 * once): drops expired entries, refreshes the expiry of a value received again, and keeps the
 * file within {@link #MAX_PRINTS} fingerprints by dropping the entries that expire first.
 */
public final class Recorder {

    /** The most fingerprints kept: 24 MB of them, room for some 23,000 values of the bench's mix (docs/guard.md). */
    static final int MAX_PRINTS = 2_000_000;

    private final GuardFiles files;
    private final Duration ttl;

    public Recorder(GuardFiles files, Duration ttl) {
        this.files = files;
        this.ttl = ttl;
    }

    /** Records {@code values}; returns a notice when the old file had to be set aside, else "". */
    public String record(GuardKey key, Collection<Received> values, Instant now) throws IOException {
        return record(key, values, now, null);
    }

    /**
     * The same, with the file as {@code ahead} read it before the lock (null: none read), used
     * when nothing replaced the file since; otherwise it is read again under the lock.
     */
    public String record(GuardKey key, Collection<Received> values, Instant now, LoadedFingerprints ahead)
            throws IOException {
        Sha256Mac mac = key.mac().orElseThrow();
        Path file = files.fingerprints();
        if (!Files.exists(files.lock())) {
            PrivateFiles.writeString(files.lock(), "");
        }
        try (FileChannel lockFile = FileChannel.open(files.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.lock();
            assert lock.isValid(); // released when the channel closes
            String notice = "";
            FingerprintSet old;
            try {
                old = ahead != null && ahead.stillCurrent() ? ahead.forKey(key.id()) : FingerprintFile.read(file, key.id());
            } catch (GuardFileException e) {
                Path aside = file.resolveSibling(file.getFileName() + ".refused-" + now.getEpochSecond());
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                notice = e.getMessage() + "; moved it to " + aside + " and started a new one";
                old = FingerprintSet.empty(key.id());
            }
            FingerprintFile.write(file, merge(old, mac, values, now));
            return notice;
        }
    }

    private FingerprintSet merge(FingerprintSet old, Sha256Mac mac, Collection<Received> values, Instant now) {
        // The prints each old entry owns, gathered in one pass over the sorted table.
        int[] counts = new int[old.entries().size()];
        for (int i = 0; i < old.size(); i++) {
            counts[old.owner(i) >>> 8]++;
        }
        FingerprintSet.Filter filter = old.filter();
        long[][] prints = new long[counts.length][];
        byte[][] tags = new byte[counts.length][];
        int[][] keyed = new int[counts.length][];
        for (int e = 0; e < counts.length; e++) {
            prints[e] = new long[counts[e]];
            tags[e] = new byte[counts[e]];
            keyed[e] = filter == null || !filter.knows(e) ? null : new int[counts[e]];
        }
        int[] fill = new int[counts.length];
        for (int i = 0; i < old.size(); i++) {
            int e = old.owner(i) >>> 8;
            if (keyed[e] != null) {
                keyed[e][fill[e]] = filter.keyed().get(i);
            }
            prints[e][fill[e]] = old.print(i);
            tags[e][fill[e]++] = (byte) old.owner(i);
        }
        // keyed is null for prints an older Latchkey wrote (no prefilter values known for them).
        record Kept(FingerprintSet.Entry entry, long[] prints, byte[] tags, int[] keyed) {
        }
        Map<String, Kept> kept = new HashMap<>();
        for (int e = 0; e < counts.length; e++) {
            FingerprintSet.Entry entry = old.entries().get(e);
            if (entry.expires().isAfter(now)) {
                kept.put(entry.valueId() + " " + entry.label(), new Kept(entry, prints[e], tags[e], keyed[e]));
            }
        }
        Fingerprinter printer = new Fingerprinter(mac);
        for (Received r : values) {
            if (!printer.recordable(r.value())) {
                continue;
            }
            long id = mac.mac64(Fingerprinter.VALUE, Sha256Mac.utf8(r.value()));
            String k = id + " " + r.label();
            Kept before = kept.get(k);
            FingerprintSet.Entry entry = new FingerprintSet.Entry(r.label(), r.broker().map(Object::toString).orElse(""),
                    id, now, now.plus(ttl));
            if (before != null && before.keyed() != null) {
                kept.put(k, new Kept(entry, before.prints(), before.tags(), before.keyed()));
            } else {
                Fingerprinter.Prints p = printer.of(r.value());
                kept.put(k, new Kept(entry, p.prints(), p.tags(), p.keyed()));
            }
        }
        List<Kept> all = new ArrayList<>(kept.values());
        all.sort(Comparator.comparing((Kept x) -> x.entry().expires()).reversed());
        FingerprintSet.Builder b = new FingerprintSet.Builder(old.keyId());
        for (Kept x : all) {
            if (b.prints() + x.prints().length > MAX_PRINTS) {
                break;
            }
            b.add(x.entry(), x.prints(), x.tags(), x.keyed());
        }
        return b.build();
    }

}
