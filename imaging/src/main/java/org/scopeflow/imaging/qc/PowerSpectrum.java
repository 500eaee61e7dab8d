package org.scopeflow.imaging.qc;

import org.jtransforms.fft.FloatFFT_2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * The averaged periodogram of an image: the mean |FFT|² of square tiles (half overlapping when the
 * image holds fewer than 16 whole tiles), each with its mean removed. The result is centred: the zero
 * frequency is at (size/2, size/2), so pixel (x, y) is frequency ((x − size/2), (y − size/2)) / (size·pixel).
 * Stateless; one thread.
 */
public final class PowerSpectrum {
    private PowerSpectrum() {}

    /**
     * @param image the micrograph
     * @param tileSizePixel tile edge (px, even); clamped to the image's smaller edge
     * @return the centred averaged power spectrum, {@code tile × tile}
     */
    public static FloatImage averaged(FloatImage image, int tileSizePixel) {
        int tile = Math.min(tileSizePixel, Math.min(image.width(), image.height())) & ~1;
        if (tile < 32) {
            throw new IllegalArgumentException("image " + image.width() + "×" + image.height()
                    + " px is too small for a power spectrum (needs at least 32×32)");
        }
        int step = (image.width() / tile) * (image.height() / tile) >= 16 ? tile : tile / 2;
        FloatFFT_2D fft = new FloatFFT_2D(tile, tile);
        double[] sum = new double[tile * tile];
        float[] buffer = new float[tile * tile];
        int count = 0;
        for (int y0 = 0; y0 + tile <= image.height(); y0 += step) {
            for (int x0 = 0; x0 + tile <= image.width(); x0 += step) {
                addTile(image, x0, y0, tile, fft, buffer, sum);
                count++;
            }
        }
        float[] out = new float[tile * tile];
        int half = tile / 2;
        for (int y = 0; y < tile; y++) {
            int cy = (y + half) % tile;
            for (int x = 0; x < tile; x++) {
                out[cy * tile + (x + half) % tile] = (float) (sum[y * tile + x] / count);
            }
        }
        return new FloatImage(tile, tile, out);
    }

    private static void addTile(FloatImage image, int x0, int y0, int tile, FloatFFT_2D fft, float[] buffer,
            double[] sum) {
        float[] src = image.pixels();
        double mean = 0;
        for (int y = 0; y < tile; y++) {
            int row = (y0 + y) * image.width() + x0;
            for (int x = 0; x < tile; x++) {
                mean += src[row + x];
            }
        }
        mean /= (double) tile * tile;
        for (int y = 0; y < tile; y++) {
            int row = (y0 + y) * image.width() + x0;
            for (int x = 0; x < tile; x++) {
                buffer[y * tile + x] = (float) (src[row + x] - mean);
            }
        }
        fft.realForward(buffer);
        accumulatePacked(buffer, tile, sum);
    }

    /**
     * Adds |F|² from JTransforms' packed real-forward layout (rows = columns = n) to the full
     * uncentred {@code sum}, filling the other half by Hermitian symmetry.
     */
    private static void accumulatePacked(float[] a, int n, double[] sum) {
        int half = n / 2;
        for (int k1 = 0; k1 < n; k1++) {
            int row = k1 * n;
            int mirrorRow = ((n - k1) % n) * n;
            for (int k2 = 1; k2 < half; k2++) {
                float re = a[row + 2 * k2];
                float im = a[row + 2 * k2 + 1];
                double p = re * re + im * im;
                sum[row + k2] += p;
                sum[mirrorRow + n - k2] += p;
            }
        }
        sum[0] += a[0] * a[0];
        sum[half] += a[1] * a[1];
        sum[half * n] += a[half * n] * a[half * n];
        sum[half * n + half] += a[half * n + 1] * a[half * n + 1];
        for (int k1 = 1; k1 < half; k1++) {
            double p0 = sq(a[k1 * n]) + sq(a[k1 * n + 1]);
            double pn = sq(a[(n - k1) * n + 1]) + sq(a[(n - k1) * n]);
            sum[k1 * n] += p0;
            sum[(n - k1) * n] += p0;
            sum[k1 * n + half] += pn;
            sum[(n - k1) * n + half] += pn;
        }
    }

    private static double sq(float v) {
        return (double) v * v;
    }
}
