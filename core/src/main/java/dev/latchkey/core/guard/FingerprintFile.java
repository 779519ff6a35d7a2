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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** The set in {@code file}; empty when there is no file. */
    static FingerprintSet read(Path file, long keyId) throws GuardFileException {
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                return FingerprintSet.empty(keyId);
            }
            bytes = Files.readAllBytes(file);
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

    private static FingerprintSet parse(byte[] bytes, long keyId, Path file) throws GuardFileException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 12 || in.getInt() != MAGIC) {
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
        crc.update(bytes, 0, bytes.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
            throw corrupt(file);
        }
        long id = in.getLong();
        if (id != keyId) {
            throw new GuardFileException(file + " was written with another fingerprint key (another user's file, "
                    + "or the keychain entry was replaced)", "move it aside; Latchkey writes a new one as you receive values");
        }
        int entries = in.getInt();
        List<FingerprintSet.Entry> list = new ArrayList<>(Math.min(entries, 1 << 16));
        for (int i = 0; i < entries; i++) {
            list.add(new FingerprintSet.Entry(utf(in), utf(in), in.getLong(), Instant.ofEpochSecond(in.getLong()),
                    Instant.ofEpochSecond(in.getLong())));
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
        for (int o : owners) {
            if ((o >>> 8) >= entries) {
                throw corrupt(file);
            }
        }
        return new FingerprintSet(keyId, list, prints, owners);
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
