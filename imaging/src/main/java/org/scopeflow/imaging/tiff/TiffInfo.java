package org.scopeflow.imaging.tiff;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * What a TIFF file holds, read from its header and image file directories (IFDs) without decoding
 * pixels. All pages have the same size and sample layout (checked by {@link TiffReader#readHeader}).
 *
 * @param width           pixels per row
 * @param height          rows
 * @param pages           number of images (IFDs): frames of a movie, planes of a stack
 * @param bitsPerSample   bits per sample (8, 16, 32, …)
 * @param sampleFormat    1 unsigned integer, 2 signed integer, 3 IEEE float (tag 339; 1 if absent)
 * @param compression     Compression tag value (1 none, 5 LZW, 8 or 32946 deflate, …)
 * @param bigTiff         whether the file is BigTIFF (64-bit offsets)
 * @param byteOrder       byte order of the file
 * @param samplesPerPixel samples per pixel (1 for greyscale)
 */
public record TiffInfo(int width, int height, int pages, int bitsPerSample, int sampleFormat, int compression,
                       boolean bigTiff, ByteOrder byteOrder, int samplesPerPixel) {
    public TiffInfo {
        Objects.requireNonNull(byteOrder, "byteOrder");
    }
}
