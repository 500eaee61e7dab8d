package org.scopeflow.imaging.tiff;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

import org.scopeflow.imaging.ImageFormatException;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Reads greyscale TIFF and BigTIFF files: multi-page, 8- or 16-bit unsigned samples, uncompressed,
 * LZW or deflate. The header and every IFD are checked by our own parser first (sizes ≤ 65536 per
 * axis, ≤ 2^30 pixels per page, offsets inside the file, no IFD loops, all pages alike); pixels are
 * then decoded by the TwelveMonkeys TIFF plugin. Every failure is an {@link ImageFormatException}
 * naming the file, the field and the value. Stateless and thread-safe.
 */
public final class TiffReader {
    /** Decoded bytes may exceed the file length by at most this factor (decompression-bomb guard). */
    static final long MAX_EXPANSION = 4096;

    private TiffReader() {
    }

    /** Reads the header and IFDs only; no pixel is decoded. */
    public static TiffInfo readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return TiffHeaderParser.parse(ByteSource.of(channel), file.toString());
        }
    }

    /** Reads every page. */
    public static List<FloatImage> read(Path file) throws IOException {
        TiffInfo info = readHeader(file);
        checkDecodable(file, info);
        List<FloatImage> pages = new ArrayList<>(info.pages());
        try (PageDecoder decoder = new PageDecoder(file, info)) {
            for (int page = 0; page < info.pages(); page++) {
                pages.add(decoder.decode(page));
            }
        }
        return pages;
    }

    /**
     * Reads one page (0-based) without decoding the others.
     *
     * @throws IllegalArgumentException when the page does not exist
     */
    public static FloatImage readPage(Path file, int page) throws IOException {
        TiffInfo info = readHeader(file);
        if (page < 0 || page >= info.pages()) {
            throw new IllegalArgumentException(file + ": page " + page + " does not exist; the file has "
                    + info.pages() + " pages (0 to " + (info.pages() - 1) + ")");
        }
        checkDecodable(file, info);
        try (PageDecoder decoder = new PageDecoder(file, info)) {
            return decoder.decode(page);
        }
    }

    static void checkDecodable(Path file, TiffInfo info) throws IOException {
        if (info.samplesPerPixel() != 1) {
            throw new ImageFormatException(file, "tag SamplesPerPixel", info.samplesPerPixel(),
                    "is not supported; only greyscale (1 sample per pixel) is read");
        }
        if ((info.bitsPerSample() != 8 && info.bitsPerSample() != 16) || info.sampleFormat() != 1) {
            throw new ImageFormatException(file, "tags BitsPerSample / SampleFormat",
                    info.bitsPerSample() + " / " + info.sampleFormat(),
                    "is not supported; expected 8 or 16 bits, unsigned integer (SampleFormat 1)");
        }
        TiffCompression compression = TiffCompression.fromCode(info.compression()).orElseThrow(() ->
                new ImageFormatException(file, "tag Compression", info.compression(),
                        "is not supported; expected 1 (none), 5 (LZW), 8 or 32946 (deflate)"));
        long decodedBytes = (long) info.width() * info.height() * (info.bitsPerSample() / 8) * info.pages();
        long fileBytes = java.nio.file.Files.size(file);
        long limit = compression == TiffCompression.NONE ? fileBytes : fileBytes * MAX_EXPANSION;
        if (decodedBytes > limit) {
            throw new ImageFormatException(file, "image size", info.pages() + " × " + info.width() + "×"
                    + info.height() + " × " + info.bitsPerSample() + " bits", "needs " + decodedBytes
                    + " bytes of pixels, more than a " + fileBytes + "-byte " + compression
                    + " file can hold; the file is truncated or corrupt");
        }
    }

    /** One TwelveMonkeys reader over an open file. */
    private static final class PageDecoder implements AutoCloseable {
        private final Path file;
        private final TiffInfo info;
        private final ImageInputStream input;
        private final ImageReader reader;

        PageDecoder(Path file, TiffInfo info) throws IOException {
            this.file = file;
            this.info = info;
            this.input = new FileImageInputStream(file.toFile());
            this.reader = TwelveMonkeysPlugins.reader(info.bigTiff());
            reader.setInput(input, false, true);
        }

        FloatImage decode(int page) throws IOException {
            BufferedImage image;
            try {
                image = reader.read(page);
            } catch (IOException | RuntimeException e) {
                throw new ImageFormatException(file, "page " + page + " pixel data",
                        TiffCompression.fromCode(info.compression()).orElseThrow(),
                        "could not be decoded (" + e + "); the file is corrupt or truncated", e);
            }
            Raster raster = image.getRaster();
            if (raster.getWidth() != info.width() || raster.getHeight() != info.height()) {
                throw new ImageFormatException(file, "page " + page + " decoded size",
                        raster.getWidth() + "×" + raster.getHeight(), "differs from its IFD ("
                        + info.width() + "×" + info.height() + ")");
            }
            return toFloat(raster);
        }

        private static FloatImage toFloat(Raster raster) {
            int width = raster.getWidth();
            int height = raster.getHeight();
            float[] pixels = new float[width * height];
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    pixels[y * width + x] = row[x];
                }
            }
            return new FloatImage(width, height, pixels);
        }

        @Override
        public void close() throws IOException {
            reader.dispose();
            input.close();
        }
    }
}
