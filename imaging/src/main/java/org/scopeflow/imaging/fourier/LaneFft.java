package org.scopeflow.imaging.fourier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-place radix-2 complex FFTs of many signals of one power-of-two length at once. The signals are
 * "lanes" stored planar, one array per sample index ({@code re[j][b]} is sample j of lane b), so every
 * butterfly runs a loop over the lanes in which all accesses share one index — a loop the JIT
 * vectorises (it would not with several offsets into one array, which might overlap; nor, measured on
 * JDK 17, a radix-4 butterfly over eight arrays, so the stages stay radix-2). Unscaled in both
 * directions. Twiddle and bit-reversal tables are computed once per length. Thread-safe.
 */
final class LaneFft {
    private static final Map<Integer, Tables> TABLES = new ConcurrentHashMap<>();

    private LaneFft() {}

    /** Cosines and sines of 2πj/n for j &lt; n/2, and the bit-reversal permutation of n. */
    record Tables(float[] cos, float[] sin, int[] reversed) {
        static Tables of(int n) {
            return TABLES.computeIfAbsent(n, Tables::compute);
        }

        private static Tables compute(int n) {
            float[] c = new float[Math.max(1, n / 2)];
            float[] s = new float[c.length];
            for (int j = 0; j < n / 2; j++) {
                double a = 2 * Math.PI * j / n;
                c[j] = (float) Math.cos(a);
                s[j] = (float) Math.sin(a);
            }
            int bits = Integer.numberOfTrailingZeros(n);
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
            return new Tables(c, s, r);
        }
    }

    static boolean isPowerOfTwo(int n) {
        return n > 0 && (n & (n - 1)) == 0;
    }

    /**
     * Transforms {@code lanes} signals of length n in place: forward is Σ x_j·e^{−2πijk/n}, inverse
     * uses e^{+2πijk/n}; neither scales.
     */
    static void transform(float[][] re, float[][] im, int n, int lanes, boolean inverse) {
        Tables t = Tables.of(n);
        permute(re, im, n, t.reversed());
        float sign = inverse ? 1f : -1f;
        if (n >= 2) {
            firstStage(re, im, n, lanes);
        }
        for (int size = 4; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int j = 0; j < half; j++) {
                    butterfly(re[start + j], im[start + j], re[start + j + half], im[start + j + half], lanes,
                            t.cos()[j * step], sign * t.sin()[j * step]);
                }
            }
        }
    }

    /** (a, c) ← (a + w·c, a − w·c) over the lanes. */
    private static void butterfly(float[] ar, float[] ai, float[] cr, float[] ci, int lanes, float wr, float wi) {
        for (int k = 0; k < lanes; k++) {
            float xr = cr[k];
            float xi = ci[k];
            float tr = wr * xr - wi * xi;
            float ti = wr * xi + wi * xr;
            float yr = ar[k];
            float yi = ai[k];
            cr[k] = yr - tr;
            ci[k] = yi - ti;
            ar[k] = yr + tr;
            ai[k] = yi + ti;
        }
    }

    private static void permute(float[][] re, float[][] im, int n, int[] reversed) {
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (i < j) {
                float[] tr = re[i];
                re[i] = re[j];
                re[j] = tr;
                float[] ti = im[i];
                im[i] = im[j];
                im[j] = ti;
            }
        }
    }

    private static void firstStage(float[][] re, float[][] im, int n, int lanes) {
        for (int start = 0; start < n; start += 2) {
            float[] ar = re[start];
            float[] ai = im[start];
            float[] cr = re[start + 1];
            float[] ci = im[start + 1];
            for (int k = 0; k < lanes; k++) {
                float xr = ar[k];
                float xi = ai[k];
                float yr = cr[k];
                float yi = ci[k];
                ar[k] = xr + yr;
                ai[k] = xi + yi;
                cr[k] = xr - yr;
                ci[k] = xi - yi;
            }
        }
    }
}
