package dev.latchkey.core.internal.guard;

import dev.latchkey.core.config.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.zip.CRC32;

/**
 * The fingerprint file, format version 3 (big-endian):
 *
 * <pre>
 * "LKGF"  u16 version (3)  u16 reserved (0)
 * i64 key id              keyed hash of a constant: which keychain key made this file
 * u32 entries, each:      UTF label, UTF broker, i64 value id, i64 received, i64 expires (epoch s)
 * u32 prints              then i64[prints] sorted, then i32[prints] owners (entry &lt;&lt; 8 | tag)
 * u32 table bits          a power of two; 0 while some entries' keyed values are unknown
 * i32[prints]             keyed prefilter values (0 where unknown)
 * u8[bits / 8]            the prefilter's bit table, two bits set for each print (bit b is byte b / 8,
 *                         bit b % 8 from the lowest; see {@link FingerprintSet.Filter}),
 *   or, when bits is 0,   u8[(entries + 7) / 8]: which entries' keyed values are known (same order)
 * u32 CRC-32 of all the bytes before it
 * </pre>
 *
 * <p>Version 1 (Latchkey before the prefilter) ends after the owners; it is read as a set
 * without keyed values (see {@link Prefilter}). Its prints stay until their values are received
 * again (then they are fingerprinted anew) or expire; until then the file is written without a
 * table, and scans compute the HMAC of every stretch they look at, as version 1 did. Version 2
 * has the same layout with one bit set for each print; it is read as it was written (one probe)
 * until the next value received writes the file anew.
 *
 * References and broker URLs are names, not secrets; nothing in the file is a value, and a
 * fingerprint cannot be checked against a guess without the key. A file that is cut short,
 * altered, of another version or made with another key is refused with a hint.
 */
public final class FingerprintFile {

    static final int VERSION = 3;
    /** The same layout as {@link #VERSION} with a table of one probe. */
    private static final int ONE_PROBE_VERSION = 2;
    private static final int OLD_VERSION = 1;
    private static final int MAGIC = 0x4c4b4746; // "LKGF"

    private FingerprintFile() {
    }

    /** The set in {@code file}; empty when there is no file. Entries are read when first asked for. */
    public static FingerprintSet read(Path file, long keyId) throws GuardFileException {
        return load(file).forKey(keyId);
    }

    /**
     * The file read and checked except for the key that made it, so the read (the CRC over the
     * whole file is most of it) can run while the key is still on its way from the keychain.
     * Never throws: a refused file is refused by {@link LoadedFingerprints#forKey}.
     */
    public static LoadedFingerprints load(Path file) {
        // The file's identity on both sides of the read: the same, it names the version read
        // (LoadedFingerprints#stillCurrent). A refused file is always read again.
        Object before = LoadedFingerprints.stamp(file);
        LoadedFingerprints read = readAndCheck(file);
        Object after = LoadedFingerprints.stamp(file);
        return before != null && before.equals(after) && !read.refused() ? read.stamped(before) : read;
    }

    private static LoadedFingerprints readAndCheck(Path file) {
        ByteBuffer bytes;
        try {
            bytes = bytes(file);
        } catch (NoSuchFileException e) {
            return new LoadedFingerprints(file, null, 0, null);
        } catch (IllegalArgumentException e) {
            return new LoadedFingerprints(file, null, 0, corrupt(file));
        } catch (IOException e) {
            return new LoadedFingerprints(file, null, 0, new GuardFileException("cannot read the fingerprint file " + file + " ("
                    + e.getMessage() + ")", "check its permissions; it should be yours, mode 0600"));
        }
        try {
            return parse(bytes, file);
        } catch (GuardFileException e) {
            return new LoadedFingerprints(file, null, 0, e);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return new LoadedFingerprints(file, null, 0, corrupt(file));
        }
    }

    private static LoadedFingerprints parse(ByteBuffer in, Path file) throws GuardFileException {
        int length = in.limit();
        if (length < 12 || in.getInt() != MAGIC) {
            throw new GuardFileException(file + " is not a Latchkey fingerprint file",
                    "move it aside; Latchkey writes a new one as you receive values");
        }
        int version = in.getShort() & 0xffff;
        in.getShort();
        if (version != VERSION && version != ONE_PROBE_VERSION && version != OLD_VERSION) {
            throw new GuardFileException(file + " has format version " + version + "; this Latchkey reads versions "
                    + OLD_VERSION + " to " + VERSION, "use the Latchkey that wrote it, or move the file aside to start a new one");
        }
        CRC32 crc = new CRC32();
        crc.update(in.duplicate().position(0).limit(length - 4));
        if ((int) crc.getValue() != in.getInt(length - 4)) {
            throw corrupt(file);
        }
        long id = in.getLong();
        int entries = in.getInt();
        if (entries < 0 || entries > length / ENTRY_MIN_BYTES) {
            throw corrupt(file);
        }
        // Where each entry starts; an entry itself is read only when a print of it matches.
        int[] at = new int[entries];
        for (int i = 0; i < entries; i++) {
            at[i] = in.position();
            in.position(in.position() + 2 + (in.getShort(in.position()) & 0xffff));
            in.position(in.position() + 2 + (in.getShort(in.position()) & 0xffff) + 24);
        }
        int count = in.getInt();
        if (count < 0 || (long) count * 12 > in.remaining()) {
            throw corrupt(file);
        }
        LongBuffer prints = in.slice(in.position(), count * 8).asLongBuffer();
        IntBuffer owners = in.slice(in.position() + count * 8, count * 4).asIntBuffer();
        in.position(in.position() + count * 12);
        FingerprintSet.Filter filter = null;
        if (version == OLD_VERSION) {
            if (in.remaining() != 4) {
                throw corrupt(file);
            }
        } else {
            int bits = in.getInt();
            int tail = bits != 0 ? bits / 8 : (entries + 7) / 8;
            if ((bits != 0 && (bits < 64 || Integer.bitCount(bits) != 1)) || (long) count * 4 + tail + 4 != in.remaining()) {
                throw corrupt(file);
            }
            IntBuffer keyed = in.slice(in.position(), count * 4).asIntBuffer();
            ByteBuffer rest = in.slice(in.position() + count * 4, tail);
            int probes = version == ONE_PROBE_VERSION ? 1 : 2;
            filter = bits != 0 ? new FingerprintSet.Filter(keyed, rest, null, probes)
                    : new FingerprintSet.Filter(keyed, null, BitSet.valueOf(rest), probes);
        }
        return new LoadedFingerprints(file, new FingerprintSet(id, new LazyEntries(in.duplicate(), at), prints, owners, filter), id, null);
    }

    /**
     * The file's bytes: mapped where the system lets a mapped file be replaced (a scan then
     * touches only the pages it reads; copying 10 MB into the heap took longer than the scan),
     * read whole on Windows, where it does not. Latchkey never changes the file in place (a
     * new one is moved over it), so a mapping never sees it shrink.
     */
    private static ByteBuffer bytes(Path file) throws IOException {
        if (WINDOWS) {
            return ByteBuffer.wrap(Files.readAllBytes(file));
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_BYTES) {
                throw new IllegalArgumentException("too large");
            }
            return size == 0 ? ByteBuffer.allocate(0) : ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    private static final boolean WINDOWS = System.getProperty("os.name", "").startsWith("Windows");
    /** Far above the bound on fingerprints (docs/guard.md), below what one buffer can map. */
    private static final long MAX_BYTES = 512L * 1024 * 1024;

    private static final int ENTRY_MIN_BYTES = 28;

    /** Entries decoded from the file on first use: a commit with no finding decodes none. */
    private static final class LazyEntries extends AbstractList<FingerprintSet.Entry> {
        private final ByteBuffer in;
        private final int[] at;
        private final FingerprintSet.Entry[] read;

        LazyEntries(ByteBuffer in, int[] at) {
            this.in = in;
            this.at = at;
            this.read = new FingerprintSet.Entry[at.length];
        }

        @Override
        public FingerprintSet.Entry get(int i) {
            FingerprintSet.Entry e = read[i];
            if (e == null) {
                ByteBuffer b = in.duplicate().position(at[i]);
                e = new FingerprintSet.Entry(utf(b), utf(b), b.getLong(), Instant.ofEpochSecond(b.getLong()),
                        Instant.ofEpochSecond(b.getLong()));
                read[i] = e;
            }
            return e;
        }

        @Override
        public int size() {
            return at.length;
        }
    }

    /** Writes {@code set} to {@code file} whole (a temporary file moved over it), 0600 in a 0700 folder. */
    static void write(Path file, FingerprintSet set) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + set.size() * 20 + set.entries().size() * 80);
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(MAGIC);
        // A table read from a version 2 file has one probe a print: written as it was read.
        FingerprintSet.Filter written = set.filter();
        out.writeShort(written != null && written.table() != null && written.probes() == 1 ? ONE_PROBE_VERSION : VERSION);
        out.writeShort(0);
        out.writeLong(set.keyId());
        out.writeInt(set.entries().size());
        for (FingerprintSet.Entry e : set.entries()) {
            out.writeUTF(e.label());
            out.writeUTF(e.broker());
            out.writeLong(e.valueId());
            out.writeLong(e.received().getEpochSecond());
            out.writeLong(e.expires().getEpochSecond());
        }
        out.writeInt(set.size());
        for (int i = 0; i < set.size(); i++) {
            out.writeLong(set.print(i));
        }
        for (int i = 0; i < set.size(); i++) {
            out.writeInt(set.owner(i));
        }
        FingerprintSet.Filter filter = set.filter();
        out.writeInt(filter == null ? 0 : filter.bits());
        for (int i = 0; i < set.size(); i++) {
            out.writeInt(filter == null ? 0 : filter.keyed().get(i));
        }
        if (filter != null && filter.table() != null) {
            for (int i = 0; i < filter.table().limit(); i++) {
                out.writeByte(filter.table().get(i));
            }
        } else {
            byte[] known = filter == null ? new byte[0] : filter.known().toByteArray();
            out.write(Arrays.copyOf(known, (set.entries().size() + 7) / 8));
        }
        out.flush();
        byte[] body = buffer.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream o = PrivateFiles.newOutputStream(tmp)) {
            o.write(body);
            o.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String utf(ByteBuffer in) {
        int n = in.getShort() & 0xffff;
        byte[] b = new byte[n];
        in.get(b);
        // writeUTF's modified UTF-8 equals UTF-8 for the names and URLs kept here.
        return new String(b, StandardCharsets.UTF_8);
    }

    private static GuardFileException corrupt(Path file) {
        return new GuardFileException(file + " is damaged (cut short or altered)",
                "move it aside; Latchkey writes a new one as you receive values");
    }
}
