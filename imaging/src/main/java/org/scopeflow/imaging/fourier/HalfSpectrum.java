package org.scopeflow.imaging.fourier;

/**
 * The non-redundant half of the spectrum of a real {@code width × height} image: columns 0 to
 * width/2 (frequency x/width), all rows (row y has frequency {@link Fourier2D#frequency}(y, height)),
 * stored planar row-major ({@code re[y * columns() + x]}, {@code im} alike). The other half follows
 * from Hermitian symmetry. The arrays are shared, not copied; not thread-safe for writes.
 */
public final class HalfSpectrum {
    private final int width;
    private final int height;
    private final float[] re;
    private final float[] im;

    /** @throws IllegalArgumentException when the sizes are not positive or do not match the arrays */
    public HalfSpectrum(int width, int height, float[] re, float[] im) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "×" + height + " must be positive");
        }
        long needed = (long) (width / 2 + 1) * height;
        if (re.length != needed || im.length != needed) {
            throw new IllegalArgumentException("a half spectrum of a " + width + "×" + height + " image needs "
                    + needed + " values per part, got " + re.length + " and " + im.length);
        }
        this.width = width;
        this.height = height;
        this.re = re;
        this.im = im;
    }

    /** A zero spectrum. */
    public static HalfSpectrum zeros(int width, int height) {
        int n = (width / 2 + 1) * height;
        return new HalfSpectrum(width, height, new float[n], new float[n]);
    }

    /** Width of the real image (not of the spectrum). */
    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Stored columns: width/2 + 1. */
    public int columns() {
        return width / 2 + 1;
    }

    public float[] re() {
        return re;
    }

    public float[] im() {
        return im;
    }

    public HalfSpectrum copy() {
        return new HalfSpectrum(width, height, re.clone(), im.clone());
    }
}
