package org.scopeflow.imaging.tiff;

import java.util.Objects;

/**
 * How {@link TiffWriter} writes greyscale pages.
 *
 * @param bitsPerSample 8 or 16 (unsigned); values are rounded to the nearest integer and must fit
 *                      (0–255 or 0–65535), nothing is clipped silently
 * @param compression   NONE, LZW or DEFLATE
 * @param bigTiff       write BigTIFF (64-bit offsets; needed above 4 GiB)
 */
public record TiffWriteOptions(int bitsPerSample, TiffCompression compression, boolean bigTiff) {
    /**
     * @throws IllegalArgumentException when bitsPerSample is not 8 or 16
     */
    public TiffWriteOptions {
        Objects.requireNonNull(compression, "compression");
        if (bitsPerSample != 8 && bitsPerSample != 16) {
            throw new IllegalArgumentException("bitsPerSample = " + bitsPerSample + " is not supported; use 8 or 16");
        }
    }

    /** Classic (not Big) TIFF. */
    public static TiffWriteOptions of(int bitsPerSample, TiffCompression compression) {
        return new TiffWriteOptions(bitsPerSample, compression, false);
    }
}
