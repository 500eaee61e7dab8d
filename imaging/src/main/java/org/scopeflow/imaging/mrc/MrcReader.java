package org.scopeflow.imaging.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.scopeflow.imaging.ImageFormatException;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Reads MRC2014 files (modes 0, 1, 2, 6, 12; either byte order; images, stacks and volumes).
 *
 * <p>The header is validated before any pixel buffer is allocated: mode, {@code 1 ≤ nx, ny ≤ 65536},
 * {@code 1 ≤ nz ≤ 2^24}, {@code nx·ny ≤ 2^30}, {@code nsymbt ≥ 0}, and the file length must equal
 * {@code 1024 + nsymbt + nx·ny·nz·bytesPerPixel} exactly. Any violation is an
 * {@link ImageFormatException} naming the file, the field and the value. Pixels are read in 1 MiB
 * chunks. Stateless and thread-safe.
 */
public final class MrcReader {
    private static final int CHUNK_BYTES = 1 << 20;

    private MrcReader() {
    }

    /** Reads and validates the 1024-byte header only (plus the file length). */
    public static MrcHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(channel, file);
        }
    }

    /** Reads the whole file: header, extended header and every section. */
    public static MrcData read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MrcHeader header = readHeader(channel, file);
            ByteBuffer extended = ByteBuffer.allocate(header.extendedHeaderBytes());
            readFully(channel, extended, MrcHeader.HEADER_BYTES, file);
            List<FloatImage> sections = new ArrayList<>(header.nz());
            for (int z = 0; z < header.nz(); z++) {
                sections.add(readSection(channel, header, z, file, new float[header.nx() * header.ny()]));
            }
            return new MrcData(header, sections, extended.array());
        }
    }

    /**
     * Reads one section (0-based z) without loading the others: for big stacks.
     *
     * @throws IllegalArgumentException when z is outside {@code [0, nz)}
     */
    public static FloatImage readSection(Path file, int z) throws IOException {
        return readSection(file, z, null);
    }

    /**
     * As {@link #readSection(Path, int)}, into {@code reuse} when it has exactly nx·ny elements (a
     * fresh array otherwise): for reading the frames of big movies one after another without
     * allocating each anew.
     *
     * @throws IllegalArgumentException when z is outside {@code [0, nz)}
     */
    public static FloatImage readSection(Path file, int z, float[] reuse) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MrcHeader header = readHeader(channel, file);
            if (z < 0 || z >= header.nz()) {
                throw new IllegalArgumentException(file + ": section " + z + " does not exist; the file has "
                        + header.nz() + " sections (0 to " + (header.nz() - 1) + ")");
            }
            int pixels = header.nx() * header.ny();
            return readSection(channel, header, z, file, reuse != null && reuse.length == pixels ? reuse : new float[pixels]);
        }
    }

    private static MrcHeader readHeader(FileChannel channel, Path file) throws IOException {
        long length = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, MrcHeader.HEADER_BYTES));
        readFully(channel, buffer, 0, file);
        return MrcHeaderCodec.decode(buffer.flip(), length, file.toString());
    }

    private static FloatImage readSection(FileChannel channel, MrcHeader header, int z, Path file, float[] out)
            throws IOException {
        int pixels = out.length;
        int bytesPerPixel = header.mode().bytesPerPixel();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, header.sectionBytes()))
                .order(header.byteOrder());
        long position = header.dataOffsetBytes() + header.sectionBytes() * z;
        int done = 0;
        while (done < pixels) {
            int count = Math.min(pixels - done, chunk.capacity() / bytesPerPixel);
            chunk.clear().limit(count * bytesPerPixel);
            readFully(channel, chunk, position, file);
            chunk.flip();
            MrcPixelCodec.decode(header.mode(), chunk, out, done, count);
            position += (long) count * bytesPerPixel;
            done += count;
        }
        return new FloatImage(header.nx(), header.ny(), out);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position, Path file)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new ImageFormatException(file, "file length", channel.size() + " bytes",
                        "ended at byte " + at + " while reading; the file shrank or is truncated");
            }
            at += read;
        }
    }
}
