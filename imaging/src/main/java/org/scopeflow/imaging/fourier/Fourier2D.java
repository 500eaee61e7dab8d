package org.scopeflow.imaging.fourier;

import java.util.Map;
import java.util.HashMap;
import org.jtransforms.fft.FloatFFT_2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * 2-D discrete Fourier transforms of {@link FloatImage}s through JTransforms. Spectra are full
 * complex arrays, row-major and interleaved ({@code re = c[2 * (y * width + x)]}, {@code im} next),
 * with the zero frequency at index (0, 0) (not centred). Plans are cached per size and thread; all methods are
 * thread-safe. JTransforms may use several threads for large sizes: run the JVM with one processor to
 * measure single-core cost.
 */
public final class Fourier2D {
    /** JTransforms plans keep scratch buffers, so each thread gets its own. */
    private static final ThreadLocal<Map<Long, FloatFFT_2D>> PLANS = ThreadLocal.withInitial(HashMap::new);

    private Fourier2D() {}

    private static FloatFFT_2D plan(int width, int height) {
        return PLANS.get().computeIfAbsent(((long) height << 32) | width, k -> new FloatFFT_2D(height, width));
    }

    /** The full complex spectrum of a real image (new array of {@code 2 * width * height} floats). */
    public static float[] forward(FloatImage image) {
        float[] data = new float[2 * image.width() * image.height()];
        System.arraycopy(image.pixels(), 0, data, 0, image.pixels().length);
        plan(image.width(), image.height()).realForwardFull(data);
        return data;
    }

    /** Forward transform of a complex array in place. */
    public static void forwardComplex(float[] complex, int width, int height) {
        plan(width, height).complexForward(complex);
    }

    /** Inverse transform (scaled by 1/N) of a complex array in place. */
    public static void inverseComplex(float[] complex, int width, int height) {
        plan(width, height).complexInverse(complex, true);
    }

    /** Inverse transform (scaled by 1/N) of a full spectrum, keeping the real part. Consumes {@code spectrum}. */
    public static FloatImage inverseReal(float[] spectrum, int width, int height) {
        plan(width, height).complexInverse(spectrum, true);
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = spectrum[2 * i];
        }
        return new FloatImage(width, height, out);
    }

    /** Signed frequency of DFT index {@code index} of a length-{@code n} axis, in cycles per pixel. */
    public static double frequency(int index, int n) {
        return (index <= n / 2 ? index : index - n) / (double) n;
    }

    /**
     * Multiplies a spectrum by the phase ramp that shifts its image by (dx, dy) pixels: the result's
     * image at (x, y) equals the input image at (x − dx, y − dy), circularly.
     */
    public static void shift(float[] spectrum, int width, int height, double dxPixel, double dyPixel) {
        double[] cosX = new double[width];
        double[] sinX = new double[width];
        for (int x = 0; x < width; x++) {
            double a = -2 * Math.PI * frequency(x, width) * dxPixel;
            cosX[x] = Math.cos(a);
            sinX[x] = Math.sin(a);
        }
        for (int y = 0; y < height; y++) {
            double b = -2 * Math.PI * frequency(y, height) * dyPixel;
            double cy = Math.cos(b);
            double sy = Math.sin(b);
            int row = 2 * y * width;
            for (int x = 0; x < width; x++) {
                double c = cosX[x] * cy - sinX[x] * sy;
                double s = sinX[x] * cy + cosX[x] * sy;
                int i = row + 2 * x;
                double re = spectrum[i];
                double im = spectrum[i + 1];
                spectrum[i] = (float) (re * c - im * s);
                spectrum[i + 1] = (float) (re * s + im * c);
            }
        }
    }
}
