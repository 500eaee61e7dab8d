package org.scopeflow.imaging.qc;

import java.util.Arrays;
import org.scopeflow.imaging.image.FloatImage;

/**
 * The pixels of a centred power spectrum on one half-plane (ky > 0; the spectrum of a real image is
 * symmetric), without the two lines next to each axis (tile-edge artefacts), sorted by radius and
 * limited to radii in [rMin, size/2 − 1]. Arrays are shared, read-only after construction.
 */
final class SpectrumPixels {
    final int size;
    final double pixelSizeAngstrom;
    final int count;
    final float[] radius;
    final float[] k2;
    final float[] cos2;
    final float[] sin2;
    final float[] value;

    SpectrumPixels(FloatImage spectrum, double pixelSizeAngstrom, double rMinPixel) {
        this.size = spectrum.width();
        this.pixelSizeAngstrom = pixelSizeAngstrom;
        int c = size / 2;
        double rMax = c - 1;
        long[] keys = new long[size * size / 2];
        int n = 0;
        for (int y = c + 2; y < size; y++) {
            for (int x = 1; x < size; x++) {
                if (Math.abs(x - c) <= 1) {
                    continue;
                }
                double r = Math.hypot(x - c, y - c);
                if (r >= rMinPixel && r <= rMax) {
                    keys[n++] = ((long) Float.floatToIntBits((float) r) << 32) | (y * size + x);
                }
            }
        }
        keys = Arrays.copyOf(keys, n);
        Arrays.sort(keys);
        this.count = n;
        radius = new float[n];
        k2 = new float[n];
        cos2 = new float[n];
        sin2 = new float[n];
        value = new float[n];
        double toK = 1 / (size * pixelSizeAngstrom);
        for (int i = 0; i < n; i++) {
            int index = (int) (keys[i] & 0xffffffffL);
            int dx = index % size - c;
            int dy = index / size - c;
            double theta = Math.atan2(dy, dx);
            radius[i] = Float.intBitsToFloat((int) (keys[i] >>> 32));
            k2[i] = (float) ((dx * dx + dy * dy) * toK * toK);
            cos2[i] = (float) Math.cos(2 * theta);
            sin2[i] = (float) Math.sin(2 * theta);
            value[i] = spectrum.pixels()[index];
        }
    }

    /** Number of leading pixels with radius ≤ {@code rPixel}. */
    int countWithin(double rPixel) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (radius[mid] <= rPixel) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Mean value per integer radius bin (index = rounded radius); bins without pixels are NaN. */
    double[] radialProfile() {
        double[] sum = new double[size / 2 + 1];
        int[] n = new int[sum.length];
        for (int i = 0; i < count; i++) {
            int r = Math.round(radius[i]);
            sum[r] += value[i];
            n[r]++;
        }
        for (int r = 0; r < sum.length; r++) {
            sum[r] = n[r] == 0 ? Double.NaN : sum[r] / n[r];
        }
        return sum;
    }
}
