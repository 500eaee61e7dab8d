package org.scopeflow.imaging.image;

import java.util.Objects;

/**
 * A 2-D image of 32-bit float pixels, row-major ({@code pixels[y * width + x]}). The array is shared,
 * not copied: algorithms that must not change their input copy it themselves. Not thread-safe for
 * writes.
 */
public final class FloatImage {
    private final int width;
    private final int height;
    private final float[] pixels;

    /**
     * @throws IllegalArgumentException when the sizes are not positive or do not match the array
     */
    public FloatImage(int width, int height, float[] pixels) {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size " + width + "×" + height + " must be positive");
        }
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException("image size " + width + "×" + height + " needs "
                    + (long) width * height + " pixels, got " + pixels.length);
        }
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** A zero-filled image. */
    public static FloatImage zeros(int width, int height) {
        return new FloatImage(width, height, new float[Math.multiplyExact(width, height)]);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing array (shared). */
    public float[] pixels() {
        return pixels;
    }

    public float get(int x, int y) {
        return pixels[y * width + x];
    }

    public void set(int x, int y, float value) {
        pixels[y * width + x] = value;
    }

    public FloatImage copy() {
        return new FloatImage(width, height, pixels.clone());
    }
}
