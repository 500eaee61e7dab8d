package org.scopeflow.imaging.tiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/** Hand-built classic TIFF files for corrupt-file tests and fuzz seeds. */
final class TiffBytes {
    private final Map<Integer, Long> tags = new TreeMap<>();
    private byte[] pixels = new byte[0];
    private long nextIfd;

    /** A valid one-page uncompressed greyscale image with {@code bits}-bit samples of {@code pixels}. */
    static TiffBytes greyscale(int width, int height, int bits, byte[] pixels) {
        TiffBytes tiff = new TiffBytes();
        tiff.tag(256, width).tag(257, height).tag(258, bits).tag(259, 1).tag(262, 1)
                .tag(277, 1).tag(278, height).tag(279, pixels.length);
        tiff.pixels = pixels;
        return tiff;
    }

    TiffBytes tag(int tag, long value) {
        tags.put(tag, value);
        return this;
    }

    TiffBytes without(int tag) {
        tags.remove(tag);
        return this;
    }

    /** Next-IFD offset to write (0 = last page); 8 makes the IFD point at itself. */
    TiffBytes nextIfd(long offset) {
        nextIfd = offset;
        return this;
    }

    byte[] bytes() {
        boolean hasStrip = tags.containsKey(279);
        Map<Integer, Long> all = new TreeMap<>(tags);
        int entries = all.size() + (hasStrip ? 1 : 0);
        int ifdBytes = 2 + entries * 12 + 4;
        int dataOffset = 8 + ifdBytes;
        if (hasStrip) {
            all.put(273, (long) dataOffset);
        }
        ByteBuffer b = ByteBuffer.allocate(dataOffset + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) all.size());
        for (Map.Entry<Integer, Long> entry : all.entrySet()) {
            b.putShort(entry.getKey().shortValue()).putShort((short) 4).putInt(1).putInt(entry.getValue().intValue());
        }
        b.putInt((int) nextIfd);
        b.put(pixels);
        return b.array();
    }
}
