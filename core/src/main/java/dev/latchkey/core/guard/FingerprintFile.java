package dev.latchkey.core.guard;

import dev.latchkey.core.config.PrivateFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.AbstractList;
import java.util.zip.CRC32;

/**
 * The fingerprint file, format version 1 (big-endian):
 *
 * <pre>
 * "LKGF"  u16 version (1)  u16 reserved (0)
 * i64 key id              keyed hash of a constant: which keychain key made this file
 * u32 entries, each:      UTF label, UTF broker, i64 value id, i64 received, i64 expires (epoch s)
 * u32 prints              then i64[prints] sorted, then i32[prints] owners (entry &lt;&lt; 8 | tag)
 * u32 CRC-32 of all the bytes before it
 * </pre>
 *
 * References and broker URLs are names, not secrets; nothing in the file is a value, and a
 * fingerprint cannot be checked against a guess without the key. A file that is cut short,
 * altered, of another version or made with another key is refused with a hint.
 */
final class FingerprintFile {

    static final int VERSION = 1;
    private static final int MAGIC = 0x4c4b4746; // "LKGF"

    private FingerprintFile() {
    }

    /** The set in {@code file}; empty when there is no file. Entries are read when first asked for. */
    static FingerprintSet read(Path file, long keyId) throws GuardFileException {
        ByteBuffer bytes;
        try {
            // Read whole rather than mapped: a mapped file cannot be replaced on Windows.
            bytes = ByteBuffer.wrap(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return FingerprintSet.empty(keyId);
        } catch (IOException e) {
            throw new GuardFileException("cannot read the fingerprint file " + file + " (" + e.getMessage() + ")",
                    "check its permissions; it should be yours, mode 0600");
        }
        try {
            return parse(bytes, keyId, file);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw corrupt(file);
        }
    }

    private static FingerprintSet parse(ByteBuffer in, long keyId, Path file) throws GuardFileException {
        int length = in.limit();
        if (length < 12 || in.getInt() != MAGIC) {
            throw new GuardFileException(file + " is not a Latchkey fingerprint file",
                    "move it aside; Latchkey writes a new one as you receive values");
        }
        int version = in.getShort() & 0xffff;
        in.getShort();
        if (version != VERSION) {
            throw new GuardFileException(file + " has format version " + version + "; this Latchkey reads version "
                    + VERSION, "use the Latchkey that wrote it, or move the file aside to start a new one");
        }
        CRC32 crc = new CRC32();
        crc.update(in.duplicate().position(0).limit(length - 4));
        if ((int) crc.getValue() != in.getInt(length - 4)) {
            throw corrupt(file);
        }
        long id = in.getLong();
        if (id != keyId) {
            throw new GuardFileException(file + " was written with another fingerprint key (another user's file, "
                    + "or the keychain entry was replaced)", "move it aside; Latchkey writes a new one as you receive values");
        }
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
        long[] prints = new long[count];
        in.asLongBuffer().get(prints);
        in.position(in.position() + count * 8);
        int[] owners = new int[count];
        in.asIntBuffer().get(owners);
        return new FingerprintSet(keyId, new LazyEntries(in.duplicate(), at), prints, owners);
    }

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
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 + set.size() * 12 + set.entries().size() * 80);
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(MAGIC);
        out.writeShort(VERSION);
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
