package org.scopeflow.imaging.tiff;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

import org.scopeflow.imaging.image.FloatImage;

/**
 * Writes a multi-page greyscale TIFF one page at a time through the TwelveMonkeys writer (a movie
 * as its frames arrive). Each page is converted and written on {@link #append}; only one page is in
 * memory. The file is complete after {@link #close()}. Not thread-safe.
 */
public final class TiffPageWriter implements Closeable {
    private final Path file;
    private final TiffWriteOptions options;
    private final ImageOutputStream output;
    private final ImageWriter writer;
    private final ImageWriteParam param;
    private int pages;
    private int width;
    private int height;
    private boolean closed;

    private TiffPageWriter(Path file, TiffWriteOptions options, ImageOutputStream output) throws IOException {
        this.file = file;
        this.options = options;
        this.output = output;
        this.writer = TwelveMonkeysPlugins.writer(options.bigTiff());
        writer.setOutput(output);
        this.param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(options.compression().imageIoName());
        writer.prepareWriteSequence(null);
    }

    /** Creates (or replaces) the file. */
    public static TiffPageWriter open(Path file, TiffWriteOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        Files.deleteIfExists(file); // FileImageOutputStream would keep the tail of a longer old file
        ImageOutputStream output = new FileImageOutputStream(file.toFile());
        try {
            return new TiffPageWriter(file, options, output);
        } catch (IOException | RuntimeException e) {
            output.close();
            throw e;
        }
    }

    /**
     * Appends one page; every page must have the size of the first.
     *
     * @throws IllegalArgumentException when the size differs or a value is not in 0–255 (8-bit) or
     *                                  0–65535 (16-bit) after rounding; names the page, pixel and value
     */
    public void append(FloatImage page) throws IOException {
        if (closed) {
            throw new IllegalStateException(file + ": append after close");
        }
        if (pages == 0) {
            width = page.width();
            height = page.height();
        } else if (page.width() != width || page.height() != height) {
            throw new IllegalArgumentException(file + ": page " + pages + " is " + page.width() + "×"
                    + page.height() + " but page 0 is " + width + "×" + height + "; all pages must match");
        }
        writer.writeToSequence(new IIOImage(toImage(page), null, null), param);
        pages++;
    }

    private BufferedImage toImage(FloatImage page) {
        boolean eightBit = options.bitsPerSample() == 8;
        int max = eightBit ? 255 : 65535;
        BufferedImage image = new BufferedImage(page.width(), page.height(),
                eightBit ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = image.getRaster();
        float[] pixels = page.pixels();
        int[] row = new int[page.width()];
        for (int y = 0; y < page.height(); y++) {
            for (int x = 0; x < page.width(); x++) {
                float value = pixels[y * page.width() + x];
                double rounded = Math.rint(value);
                if (!(rounded >= 0 && rounded <= max)) {
                    throw new IllegalArgumentException(file + ": page " + pages + " pixel (" + x + ", " + y + ") = "
                            + value + " does not fit " + options.bitsPerSample() + "-bit unsigned (0 to " + max
                            + "); scale the data or write MRC float32");
                }
                row[x] = (int) rounded;
            }
            raster.setSamples(0, y, page.width(), 1, 0, row);
        }
        return image;
    }

    /** Number of pages appended so far. */
    public int pageCount() {
        return pages;
    }

    /**
     * Finishes the file.
     *
     * @throws IllegalStateException when no page was appended
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (pages == 0) {
                throw new IllegalStateException(file + ": no page was written; a TIFF file needs at least one");
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
            output.close();
        }
    }
}
