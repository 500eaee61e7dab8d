package org.scopeflow.imaging.mrc;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

import org.scopeflow.imaging.image.FloatImage;

/**
 * Writes an MRC file one section at a time (a movie as its frames arrive, or a stack too big to
 * hold in memory). Sections stream through a 1 MiB buffer; the header, with nz and the statistics
 * (dmin, dmax, dmean, rms of the stored values), is written by {@link #close()}. Until then the
 * file is incomplete; after an {@code append} that threw, the file may hold part of that section and
 * should be discarded (its length no longer matches its header, so readers reject it). Not
 * thread-safe.
 */
public final class MrcSectionWriter implements Closeable {
    private static final int CHUNK_BYTES = 1 << 20;

    private final Path file;
    private final MrcWriteOptions options;
    private final FileChannel channel;
    private final PixelStatistics statistics = new PixelStatistics();
    private final ByteBuffer chunk;
    private long position;
    private int nx;
    private int ny;
    private int sections;
    private boolean closed;

    private MrcSectionWriter(Path file, MrcWriteOptions options, FileChannel channel) {
        this.file = file;
        this.options = options;
        this.channel = channel;
        this.chunk = ByteBuffer.allocate(CHUNK_BYTES).order(options.byteOrder());
        this.position = MrcHeader.HEADER_BYTES + (long) options.extendedHeader().length;
    }

    /** Creates (or truncates) the file and writes the extended header. */
    public static MrcSectionWriter open(Path file, MrcWriteOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            writeFully(channel, ByteBuffer.wrap(options.extendedHeader()), MrcHeader.HEADER_BYTES);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return new MrcSectionWriter(file, options, channel);
    }

    /**
     * Appends one section. Every section must have the size of the first.
     *
     * @throws IllegalArgumentException when the size differs, or a value cannot be stored in the
     *                                  mode (NaN or out of range for an integer mode, beyond ±65504 for
     *                                  float16): the message names the section, pixel and value
     */
    public void append(FloatImage section) throws IOException {
        if (closed) {
            throw new IllegalStateException(file + ": append after close");
        }
        checkSize(section);
        float[] pixels = section.pixels();
        statistics.startSection(MrcPixelCodec.quantize(options.mode(), pixels[0]));
        chunk.clear();
        if (options.mode() == MrcMode.FLOAT32) {
            appendFloats(pixels);
            return;
        }
        for (int i = 0; i < pixels.length; i++) {
            float stored = storable(pixels[i], i);
            statistics.add(stored);
            MrcPixelCodec.put(options.mode(), chunk, stored);
            if (!chunk.hasRemaining()) {
                flushChunk();
            }
        }
        flushChunk();
        statistics.endSection();
        sections++;
    }

    /**
     * Float pixels are stored as they are: copied a chunk at a time in bulk, with the statistics taken
     * over the same chunk in one loop (the same values, without a call per pixel).
     */
    private void appendFloats(float[] pixels) throws IOException {
        int perChunk = chunk.capacity() / Float.BYTES;
        for (int from = 0; from < pixels.length; from += perChunk) {
            int count = Math.min(perChunk, pixels.length - from);
            statistics.addAll(pixels, from, from + count);
            chunk.asFloatBuffer().put(pixels, from, count);
            chunk.position(count * Float.BYTES);
            flushChunk();
        }
        statistics.endSection();
        sections++;
    }

    private void checkSize(FloatImage section) {
        if (sections == 0) {
            if (section.width() > MrcHeaderCodec.MAX_DIMENSION || section.height() > MrcHeaderCodec.MAX_DIMENSION) {
                throw new IllegalArgumentException(file + ": section size " + section.width() + "×"
                        + section.height() + " exceeds the 65536 pixels per axis MRC readers accept");
            }
            nx = section.width();
            ny = section.height();
        } else if (section.width() != nx || section.height() != ny) {
            throw new IllegalArgumentException(file + ": section " + sections + " is " + section.width() + "×"
                    + section.height() + " but section 0 is " + nx + "×" + ny + "; all sections must match");
        }
    }

    private float storable(float value, int index) {
        MrcMode mode = options.mode();
        if (mode == MrcMode.FLOAT32) {
            return value;
        }
        float stored = MrcPixelCodec.quantize(mode, value);
        boolean fits = mode == MrcMode.FLOAT16
                ? !Float.isInfinite(stored) || Float.isInfinite(value)
                : stored >= mode.minValue() && stored <= mode.maxValue();
        if (!fits) {
            throw new IllegalArgumentException(file + ": section " + sections + " pixel (" + index % nx + ", "
                    + index / nx + ") = " + value + " cannot be stored in mode " + mode + " (range "
                    + mode.minValue() + " to " + mode.maxValue() + "); scale the data or choose FLOAT32");
        }
        return stored;
    }

    private void flushChunk() throws IOException {
        chunk.flip();
        int bytes = chunk.remaining();
        writeFully(channel, chunk, position);
        position += bytes;
        chunk.clear();
    }

    /** Number of sections appended so far. */
    public int sectionCount() {
        return sections;
    }

    /**
     * Writes the header and closes the file.
     *
     * @throws IllegalStateException when no section was appended (the file is left without a header)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (channel) {
            if (sections == 0) {
                throw new IllegalStateException(file + ": no section was written; an MRC file needs at least one");
            }
            writeFully(channel, MrcHeaderCodec.encode(header()), 0);
        }
    }

    private MrcHeader header() {
        int mz = options.volume() ? sections : 1;
        float px = (float) options.pixelSizeAngstrom();
        return new MrcHeader(nx, ny, sections, options.mode(), 0, 0, 0, nx, ny, mz,
                px * nx, px * ny, px * mz, 90f, 90f, 90f, 1, 2, 3,
                statistics.min(), statistics.max(), statistics.mean(),
                options.volume() ? 1 : 0, options.extendedHeader().length, options.extendedHeaderType(), 20141,
                0f, 0f, 0f, options.byteOrder(), statistics.rms(), List.copyOf(options.labels()));
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
