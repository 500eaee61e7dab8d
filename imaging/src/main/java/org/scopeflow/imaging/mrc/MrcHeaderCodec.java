package org.scopeflow.imaging.mrc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.scopeflow.imaging.ImageFormatException;

/**
 * Decodes and encodes the 1024-byte MRC2014 header. Decoding validates every size before anyone
 * allocates from it, so a hostile header yields {@link ImageFormatException}, never a runtime error.
 */
final class MrcHeaderCodec {
    /** Largest nx, ny we accept. */
    static final int MAX_DIMENSION = 65536;
    /** Largest nz we accept (particle stacks can be long; the file length bounds it further). */
    static final int MAX_SECTIONS = 1 << 24;
    /** Largest section we decode into one float[]: 2^30 pixels = 4 GiB of floats. */
    static final long MAX_SECTION_PIXELS = 1L << 30;
    static final int LABEL_COUNT = 10;
    static final int LABEL_BYTES = 80;
    private static final byte[] MAP_ID = {'M', 'A', 'P', ' '};

    private MrcHeaderCodec() {
    }

    /**
     * @param header     the first {@code min(1024, fileLength)} bytes of the file
     * @param fileLength the file's length in bytes
     * @param source     the file name used in error messages
     */
    static MrcHeader decode(ByteBuffer header, long fileLength, String source) throws ImageFormatException {
        if (fileLength < MrcHeader.HEADER_BYTES || header.remaining() < MrcHeader.HEADER_BYTES) {
            throw new ImageFormatException(source, "file length", fileLength + " bytes",
                    "is shorter than the 1024-byte MRC header; the file is truncated or not an MRC file");
        }
        ByteBuffer buffer = header.slice().order(detectByteOrder(header));
        int modeCode = buffer.getInt(12);
        MrcMode mode = MrcMode.fromCode(modeCode).orElseThrow(() -> new ImageFormatException(source,
                "header field mode", modeCode, "is not a supported MRC mode; expected 0, 1, 2, 6 or 12"));
        int nx = checkRange(source, "nx", buffer.getInt(0), MAX_DIMENSION);
        int ny = checkRange(source, "ny", buffer.getInt(4), MAX_DIMENSION);
        int nz = checkRange(source, "nz", buffer.getInt(8), MAX_SECTIONS);
        if ((long) nx * ny > MAX_SECTION_PIXELS) {
            throw new ImageFormatException(source, "header fields nx × ny", nx + " × " + ny,
                    "is more than the " + MAX_SECTION_PIXELS + " pixels per section we can decode");
        }
        int nsymbt = buffer.getInt(92);
        if (nsymbt < 0) {
            throw new ImageFormatException(source, "header field nsymbt", nsymbt,
                    "is negative; expected the extended header length in bytes (0 when there is none)");
        }
        MrcHeader decoded = build(buffer, nx, ny, nz, mode, nsymbt);
        checkFileLength(decoded, fileLength, source);
        return decoded;
    }

    private static MrcHeader build(ByteBuffer b, int nx, int ny, int nz, MrcMode mode, int nsymbt) {
        return new MrcHeader(nx, ny, nz, mode,
                b.getInt(16), b.getInt(20), b.getInt(24),
                b.getInt(28), b.getInt(32), b.getInt(36),
                b.getFloat(40), b.getFloat(44), b.getFloat(48),
                b.getFloat(52), b.getFloat(56), b.getFloat(60),
                b.getInt(64), b.getInt(68), b.getInt(72),
                b.getFloat(76), b.getFloat(80), b.getFloat(84),
                b.getInt(88), nsymbt, text(b, 104, 4), b.getInt(108),
                b.getFloat(196), b.getFloat(200), b.getFloat(204),
                b.order(), b.getFloat(216), labels(b));
    }

    private static int checkRange(String source, String field, int value, int max) throws ImageFormatException {
        if (value < 1 || value > max) {
            throw new ImageFormatException(source, "header field " + field, value,
                    "is out of range; expected 1 to " + max);
        }
        return value;
    }

    private static void checkFileLength(MrcHeader header, long fileLength, String source)
            throws ImageFormatException {
        long expected = header.expectedFileBytes();
        if (fileLength == expected) {
            return;
        }
        String layout = " (1024 header + " + header.extendedHeaderBytes() + " extended header + "
                + header.nx() + "×" + header.ny() + "×" + header.nz() + " pixels × "
                + header.mode().bytesPerPixel() + " bytes)";
        if (fileLength < expected) {
            throw new ImageFormatException(source, "file length", fileLength + " bytes",
                    "is shorter than the " + expected + " bytes the header describes" + layout
                            + "; the file is truncated (still being written, or a partial copy)");
        }
        throw new ImageFormatException(source, "file length", fileLength + " bytes",
                "is longer than the " + expected + " bytes the header describes" + layout
                        + "; the header sizes (nx, ny, nz, mode, nsymbt) do not match the data");
    }

    /**
     * MACHST at byte 212: 0x44 0x44 / 0x44 0x41 little-endian, 0x11 0x11 big-endian. Files with a
     * zero or unknown stamp (old writers) are judged by which byte order gives a plausible mode and
     * positive sizes, as other MRC libraries do; little-endian wins a tie.
     */
    static ByteOrder detectByteOrder(ByteBuffer header) {
        int stamp0 = header.get(header.position() + 212) & 0xff;
        int stamp1 = header.get(header.position() + 213) & 0xff;
        if (stamp0 == 0x44 && (stamp1 == 0x44 || stamp1 == 0x41)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (stamp0 == 0x11 && stamp1 == 0x11) {
            return ByteOrder.BIG_ENDIAN;
        }
        ByteBuffer little = header.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (plausible(little)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        ByteBuffer big = header.slice().order(ByteOrder.BIG_ENDIAN);
        return plausible(big) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static boolean plausible(ByteBuffer b) {
        int mode = b.getInt(12);
        boolean knownMode = (mode >= 0 && mode <= 4) || mode == 6 || mode == 12 || mode == 101;
        return knownMode && b.getInt(0) > 0 && b.getInt(4) > 0 && b.getInt(8) > 0
                && b.getInt(0) <= MAX_DIMENSION && b.getInt(4) <= MAX_DIMENSION;
    }

    private static String text(ByteBuffer b, int offset, int length) {
        byte[] bytes = new byte[length];
        b.get(offset, bytes);
        int end = length;
        while (end > 0 && (bytes[end - 1] == 0 || bytes[end - 1] == ' ')) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Labels in use: the first nlabl slots (clamped to 0–10), trailing blanks removed. */
    private static List<String> labels(ByteBuffer b) {
        int nlabl = Math.max(0, Math.min(LABEL_COUNT, b.getInt(220)));
        List<String> labels = new ArrayList<>(nlabl);
        for (int i = 0; i < nlabl; i++) {
            labels.add(text(b, 224 + i * LABEL_BYTES, LABEL_BYTES));
        }
        return labels;
    }

    /** Encodes a header into 1024 bytes in its byte order (position 0, ready to write). */
    static ByteBuffer encode(MrcHeader h) {
        ByteBuffer b = ByteBuffer.allocate(MrcHeader.HEADER_BYTES).order(h.byteOrder());
        b.putInt(0, h.nx()).putInt(4, h.ny()).putInt(8, h.nz()).putInt(12, h.mode().code());
        b.putInt(16, h.nxStart()).putInt(20, h.nyStart()).putInt(24, h.nzStart());
        b.putInt(28, h.mx()).putInt(32, h.my()).putInt(36, h.mz());
        b.putFloat(40, h.cellXAngstrom()).putFloat(44, h.cellYAngstrom()).putFloat(48, h.cellZAngstrom());
        b.putFloat(52, h.cellAlphaDegrees()).putFloat(56, h.cellBetaDegrees()).putFloat(60, h.cellGammaDegrees());
        b.putInt(64, h.mapc()).putInt(68, h.mapr()).putInt(72, h.maps());
        b.putFloat(76, h.dmin()).putFloat(80, h.dmax()).putFloat(84, h.dmean());
        b.putInt(88, h.ispg()).putInt(92, h.extendedHeaderBytes());
        b.put(104, ascii(h.extendedHeaderType(), 4, (byte) 0));
        b.putInt(108, h.nversion());
        b.putFloat(196, h.originXAngstrom()).putFloat(200, h.originYAngstrom()).putFloat(204, h.originZAngstrom());
        b.put(208, MAP_ID);
        boolean little = h.byteOrder() == ByteOrder.LITTLE_ENDIAN;
        b.put(212, (byte) (little ? 0x44 : 0x11)).put(213, (byte) (little ? 0x44 : 0x11));
        b.putFloat(216, h.rms()).putInt(220, h.labels().size());
        for (int i = 0; i < h.labels().size(); i++) {
            b.put(224 + i * LABEL_BYTES, ascii(h.labels().get(i), LABEL_BYTES, (byte) ' '));
        }
        return b;
    }

    /** Text padded to {@code length} bytes (Latin-1, so decoded header text re-encodes unchanged). */
    private static byte[] ascii(String text, int length, byte pad) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, pad);
        byte[] source = text.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(source, 0, bytes, 0, Math.min(length, source.length));
        return bytes;
    }

    static Optional<String> checkAscii(String text, int maxLength) {
        if (text.length() > maxLength) {
            return Optional.of("is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return Optional.of("contains a character that is not printable ASCII at index " + i);
            }
        }
        return Optional.empty();
    }
}
