package org.scopeflow.ingest.journal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Binary frame of one journal entry: [int payload length][int CRC32C of payload][payload]. A frame that
 * is short or fails its CRC marks the torn tail left by a crash; everything from there on is dropped.
 */
final class JournalCodec {
    static final int HEADER_BYTES = 8;
    private static final int MAX_PAYLOAD = 1 << 20;
    private static final byte FORMAT = 1;

    private JournalCodec() {}

    static byte[] encode(JournalEntry e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(160 + e.relativePath().length());
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0);
            out.writeInt(0);
            out.writeByte(FORMAT);
            str(out, e.watch());
            str(out, e.relativePath());
            out.writeByte(e.state().ordinal());
            out.writeLong(e.sizeBytes());
            out.writeLong(e.mtimeMillis());
            out.writeInt(e.version());
            str(out, e.destination());
            str(out, e.checksums());
            str(out, e.session());
            out.writeLong(e.firstSeenMillis());
            out.writeLong(e.updatedMillis());
            out.writeInt(e.attempts());
            str(out, e.error().length() > 2000 ? e.error().substring(0, 2000) : e.error());
            byte[] frame = bytes.toByteArray();
            CRC32C crc = new CRC32C();
            crc.update(frame, HEADER_BYTES, frame.length - HEADER_BYTES);
            ByteBuffer.wrap(frame).putInt(frame.length - HEADER_BYTES).putInt((int) crc.getValue());
            return frame;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Payload length from a header, or -1 when the header cannot be a valid frame. */
    static int payloadLength(ByteBuffer header) {
        int len = header.getInt(0);
        return len <= 0 || len > MAX_PAYLOAD ? -1 : len;
    }

    /** The entry of a payload whose CRC matches, or null for a torn/corrupt frame. */
    static JournalEntry decode(int expectedCrc, byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        if ((int) crc.getValue() != expectedCrc) {
            return null;
        }
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
            if (in.readByte() != FORMAT) {
                return null;
            }
            return new JournalEntry(str(in), str(in), FileState.values()[in.readByte()], in.readLong(), in.readLong(),
                    in.readInt(), str(in), str(in), str(in), in.readLong(), in.readLong(), in.readInt(), str(in));
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private static void str(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String str(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_PAYLOAD) {
            throw new IOException("bad string length " + n);
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
