package org.scopeflow.imaging.tiff;

import java.util.Optional;

/** TIFF compression schemes we write and read (tag 259). */
public enum TiffCompression {
    /** No compression (code 1). */
    NONE(1, "None"),
    /** Lempel-Ziv-Welch (code 5), common for cryo-EM movies. */
    LZW(5, "LZW"),
    /** Deflate / zlib (Adobe code 8; the older code 32946 is read too). */
    DEFLATE(8, "ZLib");

    private final int code;
    private final String imageIoName;

    TiffCompression(int code, String imageIoName) {
        this.code = code;
        this.imageIoName = imageIoName;
    }

    /** The value of the Compression tag. */
    public int code() {
        return code;
    }

    /** The compression type name the TwelveMonkeys writer expects. */
    String imageIoName() {
        return imageIoName;
    }

    /** The scheme for a Compression tag value, or empty when we do not decode it. */
    public static Optional<TiffCompression> fromCode(int code) {
        return switch (code) {
            case 1 -> Optional.of(NONE);
            case 5 -> Optional.of(LZW);
            case 8, 32946 -> Optional.of(DEFLATE);
            default -> Optional.empty();
        };
    }
}
