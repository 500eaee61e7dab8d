package org.scopeflow.imaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.scopeflow.imaging.image.FloatImage;

/** Seeded test images and pixel-exact comparison that names the failing pixel. */
public final class TestImages {
    private TestImages() {
    }

    /** Integer-valued pixels uniformly in [min, max]. */
    public static List<FloatImage> integers(long seed, int width, int height, int count, int min, int max) {
        Random random = new Random(seed);
        List<FloatImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[width * height];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = min + random.nextInt(max - min + 1);
            }
            images.add(new FloatImage(width, height, pixels));
        }
        return images;
    }

    /** Gaussian pixels (mean, sigma). */
    public static List<FloatImage> gaussian(long seed, int width, int height, int count, double mean, double sigma) {
        Random random = new Random(seed);
        List<FloatImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[width * height];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (float) (mean + sigma * random.nextGaussian());
            }
            images.add(new FloatImage(width, height, pixels));
        }
        return images;
    }

    /** @throws AssertionError naming the section, the pixel and both values at the first difference */
    public static void assertSameImages(List<FloatImage> expected, List<FloatImage> actual) {
        if (expected.size() != actual.size()) {
            throw new AssertionError("expected " + expected.size() + " images, got " + actual.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            FloatImage e = expected.get(i);
            FloatImage a = actual.get(i);
            if (e.width() != a.width() || e.height() != a.height()) {
                throw new AssertionError("image " + i + ": expected " + e.width() + "×" + e.height() + ", got "
                        + a.width() + "×" + a.height());
            }
            for (int p = 0; p < e.pixels().length; p++) {
                if (Float.floatToIntBits(e.pixels()[p]) != Float.floatToIntBits(a.pixels()[p])) {
                    throw new AssertionError("image " + i + " pixel (" + p % e.width() + ", " + p / e.width()
                            + "): expected " + e.pixels()[p] + ", got " + a.pixels()[p]);
                }
            }
        }
    }
}
