package org.scopeflow.imaging.fourier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scopeflow.imaging.image.FloatImage;

class RealFft2DTest {
    private static float[] noise(int n, long seed) {
        Random random = new Random(seed);
        float[] p = new float[n];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        return p;
    }

    @ParameterizedTest
    @CsvSource({"64, 32", "16, 128", "2, 2", "256, 256", "48, 30", "17, 8"})
    void halfSpectrumMatchesTheFullComplexSpectrum(int width, int height) {
        float[] pixels = noise(width * height, width * 31L + height);
        HalfSpectrum half = RealFft2D.forward(pixels, width, height);
        float[] full = Fourier2D.forward(new FloatImage(width, height, pixels.clone()));
        double tolerance = 1e-4 * Math.sqrt(width * height) * Math.log(width * height + 1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < half.columns(); x++) {
                int k = 2 * (y * width + x);
                int h = y * half.columns() + x;
                assertThat(half.re()[h]).as("re at (%d, %d)", x, y).isCloseTo(full[k], within((float) tolerance));
                assertThat(half.im()[h]).as("im at (%d, %d)", x, y).isCloseTo(full[k + 1], within((float) tolerance));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"64, 32", "16, 128", "2, 2", "512, 256", "48, 30", "17, 8"})
    void inverseRestoresTheImage(int width, int height) {
        float[] pixels = noise(width * height, 5);
        float[] back = RealFft2D.inverse(RealFft2D.forward(pixels, width, height));
        for (int i = 0; i < pixels.length; i++) {
            assertThat(back[i]).as("pixel (%d, %d)", i % width, i / width).isCloseTo(pixels[i], within(1e-4f));
        }
    }
}
