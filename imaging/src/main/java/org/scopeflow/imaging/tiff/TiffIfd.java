package org.scopeflow.imaging.tiff;

import java.util.Objects;

import org.scopeflow.imaging.ImageFormatException;

/** The pixel-describing tags of one image file directory, validated. */
record TiffIfd(int width, int height, int bitsPerSample, int sampleFormat, int compression, int samplesPerPixel,
               long nextOffset) {
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int SAMPLE_FORMAT = 339;

    static boolean isWanted(int tag) {
        return tag == IMAGE_WIDTH || tag == IMAGE_LENGTH || tag == BITS_PER_SAMPLE || tag == COMPRESSION
                || tag == SAMPLES_PER_PIXEL || tag == SAMPLE_FORMAT;
    }

    static String tagName(int tag) {
        return switch (tag) {
            case IMAGE_WIDTH -> "ImageWidth (256)";
            case IMAGE_LENGTH -> "ImageLength (257)";
            case BITS_PER_SAMPLE -> "BitsPerSample (258)";
            case COMPRESSION -> "Compression (259)";
            case SAMPLES_PER_PIXEL -> "SamplesPerPixel (277)";
            case SAMPLE_FORMAT -> "SampleFormat (339)";
            default -> "tag " + tag;
        };
    }

    /** All pages of a movie or stack must share size and sample layout. */
    void checkSameLayout(TiffIfd other, int page, String source) throws ImageFormatException {
        if (other.width != width || other.height != height) {
            throw new ImageFormatException(source, "IFD " + page + " size", other.width + "×" + other.height,
                    "differs from page 0 (" + width + "×" + height + "); all pages must have one size");
        }
        if (other.bitsPerSample != bitsPerSample || other.sampleFormat != sampleFormat
                || other.samplesPerPixel != samplesPerPixel) {
            throw new ImageFormatException(source, "IFD " + page + " sample layout",
                    other.bitsPerSample + " bits, format " + other.sampleFormat + ", " + other.samplesPerPixel
                            + " samples/pixel",
                    "differs from page 0 (" + bitsPerSample + " bits, format " + sampleFormat + ", "
                            + samplesPerPixel + " samples/pixel)");
        }
    }

    /** Collects tag values of one IFD, then validates them. */
    static final class Builder {
        private final String source;
        private final String where;
        private long width = -1;
        private long height = -1;
        private long bitsPerSample = 1;
        private long sampleFormat = 1;
        private long compression = 1;
        private long samplesPerPixel = 1;

        Builder(String source, String where) {
            this.source = Objects.requireNonNull(source);
            this.where = where;
        }

        void put(int tag, long firstValue, long count) {
            switch (tag) {
                case IMAGE_WIDTH -> width = firstValue;
                case IMAGE_LENGTH -> height = firstValue;
                case BITS_PER_SAMPLE -> bitsPerSample = firstValue;
                case COMPRESSION -> compression = firstValue;
                case SAMPLES_PER_PIXEL -> samplesPerPixel = firstValue;
                case SAMPLE_FORMAT -> sampleFormat = firstValue;
                default -> { }
            }
        }

        TiffIfd build(long nextOffset) throws ImageFormatException {
            int w = dimension(IMAGE_WIDTH, width);
            int h = dimension(IMAGE_LENGTH, height);
            if ((long) w * h > TiffHeaderParser.MAX_PAGE_PIXELS) {
                throw new ImageFormatException(source, where + " size", w + "×" + h,
                        "is more than the " + TiffHeaderParser.MAX_PAGE_PIXELS + " pixels per page we decode");
            }
            return new TiffIfd(w, h, small(BITS_PER_SAMPLE, bitsPerSample, 1, 64),
                    small(SAMPLE_FORMAT, sampleFormat, 1, 6), small(COMPRESSION, compression, 1, 65535),
                    small(SAMPLES_PER_PIXEL, samplesPerPixel, 1, 16), nextOffset);
        }

        private int dimension(int tag, long value) throws ImageFormatException {
            if (value == -1) {
                throw new ImageFormatException(source, where + " tag " + tagName(tag), "missing",
                        "is required; the IFD does not describe an image");
            }
            return small(tag, value, 1, TiffHeaderParser.MAX_DIMENSION);
        }

        private int small(int tag, long value, int min, int max) throws ImageFormatException {
            if (value < min || value > max) {
                throw new ImageFormatException(source, where + " tag " + tagName(tag), Long.toUnsignedString(value),
                        "is out of range; expected " + min + " to " + max);
            }
            return (int) value;
        }
    }
}
