package org.scopeflow.imaging.tiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Set;

import org.scopeflow.imaging.ImageFormatException;

/**
 * Walks a TIFF or BigTIFF file's IFD chain and reads the tags that describe the pixels. Every
 * offset and count is checked against the file length before it is followed, IFD loops are caught,
 * and all pages must agree on size and sample layout.
 */
final class TiffHeaderParser {
    static final int MAX_DIMENSION = 65536;
    static final long MAX_PAGE_PIXELS = 1L << 30;
    static final int MAX_PAGES = 1 << 20;
    private static final int MAX_BIGTIFF_ENTRIES = 65535;

    private final ByteSource data;
    private final String source;
    private final long length;
    private ByteOrder order;
    private boolean big;

    private TiffHeaderParser(ByteSource data, String source) throws IOException {
        this.data = data;
        this.source = source;
        this.length = data.length();
    }

    static TiffInfo parse(ByteSource data, String source) throws IOException {
        return new TiffHeaderParser(data, source).parse();
    }

    private TiffInfo parse() throws IOException {
        long ifd = readFileHeader();
        Set<Long> visited = new HashSet<>();
        TiffIfd first = null;
        int pages = 0;
        while (ifd != 0) {
            if (!visited.add(ifd)) {
                throw fail("IFD " + pages + " offset", ifd, "points back to an earlier IFD; the IFD chain loops");
            }
            if (pages >= MAX_PAGES) {
                throw fail("page count", "more than " + MAX_PAGES, "exceeds the number of pages we read");
            }
            TiffIfd page = readIfd(ifd, pages);
            if (first == null) {
                first = page;
            } else {
                first.checkSameLayout(page, pages, source);
            }
            pages++;
            ifd = page.nextOffset();
        }
        if (first == null) {
            throw fail("first IFD offset", 0, "means the file has no image");
        }
        return new TiffInfo(first.width(), first.height(), pages, first.bitsPerSample(), first.sampleFormat(),
                first.compression(), big, order, first.samplesPerPixel());
    }

    private long readFileHeader() throws IOException {
        ByteBuffer head = bytes(0, (int) Math.min(16, length), "file header");
        if (head.remaining() < 8) {
            throw fail("file length", length + " bytes", "is shorter than the 8-byte TIFF header");
        }
        int mark = head.getShort(0) & 0xffff;
        if (mark == 0x4949) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (mark == 0x4d4d) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw fail("byte-order mark", String.format("0x%04x", mark), "is neither II nor MM; not a TIFF file");
        }
        head.order(order);
        int magic = head.getShort(2) & 0xffff;
        if (magic == 42) {
            return head.getInt(4) & 0xffffffffL;
        }
        if (magic != 43) {
            throw fail("version", magic, "is neither 42 (TIFF) nor 43 (BigTIFF)");
        }
        big = true;
        if (head.remaining() < 16) {
            throw fail("file length", length + " bytes", "is shorter than the 16-byte BigTIFF header");
        }
        int offsetSize = head.getShort(4) & 0xffff;
        if (offsetSize != 8) {
            throw fail("BigTIFF offset size", offsetSize, "is not 8");
        }
        return checkOffset(head.getLong(8), "first IFD offset");
    }

    private TiffIfd readIfd(long offset, int page) throws IOException {
        String where = "IFD " + page;
        checkOffset(offset, where + " offset");
        int countBytes = big ? 8 : 2;
        ByteBuffer countBuffer = bytes(offset, countBytes, where + " entry count");
        long count = big ? countBuffer.getLong(0) : countBuffer.getShort(0) & 0xffff;
        if (count < 0 || count > MAX_BIGTIFF_ENTRIES) {
            throw fail(where + " entry count", Long.toUnsignedString(count), "is more than " + MAX_BIGTIFF_ENTRIES);
        }
        int entryBytes = big ? 20 : 12;
        int pointerBytes = big ? 8 : 4;
        int tableBytes = (int) count * entryBytes + pointerBytes;
        ByteBuffer table = bytes(offset + countBytes, tableBytes, where + " entries");
        TiffIfd.Builder ifd = new TiffIfd.Builder(source, where);
        for (int i = 0; i < count; i++) {
            readEntry(table, i * entryBytes, ifd, where);
        }
        long next = big ? table.getLong((int) count * entryBytes) : table.getInt((int) count * entryBytes) & 0xffffffffL;
        return ifd.build(next == 0 ? 0 : checkOffset(next, where + " next-IFD offset"));
    }

    private void readEntry(ByteBuffer table, int at, TiffIfd.Builder ifd, String where) throws IOException {
        int tag = table.getShort(at) & 0xffff;
        if (!TiffIfd.isWanted(tag)) {
            return;
        }
        int type = table.getShort(at + 2) & 0xffff;
        long count = big ? table.getLong(at + 4) : table.getInt(at + 4) & 0xffffffffL;
        int typeBytes = switch (type) {
            case 3 -> 2;  // SHORT
            case 4 -> 4;  // LONG
            case 16 -> 8; // LONG8
            default -> throw fail(where + " tag " + TiffIfd.tagName(tag) + " type", type,
                    "is not an unsigned integer type (SHORT, LONG or LONG8)");
        };
        if (count < 1) {
            throw fail(where + " tag " + TiffIfd.tagName(tag) + " count", Long.toUnsignedString(count), "is zero");
        }
        int inlineBytes = big ? 8 : 4;
        int valueAt = at + (big ? 12 : 8);
        ByteBuffer value = table;
        if (count > inlineBytes / typeBytes) {
            long pointer = big ? table.getLong(valueAt) : table.getInt(valueAt) & 0xffffffffL;
            value = bytes(checkOffset(pointer, where + " tag " + TiffIfd.tagName(tag) + " value offset"),
                    typeBytes, where + " tag " + TiffIfd.tagName(tag) + " value");
            valueAt = 0;
        }
        long first = switch (typeBytes) {
            case 2 -> value.getShort(valueAt) & 0xffff;
            case 4 -> value.getInt(valueAt) & 0xffffffffL;
            default -> value.getLong(valueAt);
        };
        ifd.put(tag, first, count);
    }

    private long checkOffset(long offset, String field) throws ImageFormatException {
        if (offset < 8 || offset >= length) {
            throw fail(field, Long.toUnsignedString(offset), "is outside the file (8 to " + (length - 1)
                    + "); the file is truncated or corrupt");
        }
        return offset;
    }

    private ByteBuffer bytes(long position, int count, String field) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(count).order(order == null ? ByteOrder.BIG_ENDIAN : order);
        int read = data.read(position, buffer);
        if (read < count) {
            throw fail(field, "bytes " + position + " to " + (position + count),
                    "extend past the end of the file (" + length + " bytes); the file is truncated");
        }
        return buffer.flip();
    }

    private ImageFormatException fail(String field, Object value, String problem) {
        return new ImageFormatException(source, field, value, problem);
    }
}
