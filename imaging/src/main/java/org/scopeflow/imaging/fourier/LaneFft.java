package org.scopeflow.imaging.fourier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-place radix-2 complex FFTs of many signals of one power-of-two length at once. The signals are
 * "lanes" stored planar and interleaved by index ({@code re[j * lanes + b]} is sample j of lane b), so
 * every butterfly runs a contiguous loop over the lanes that the JIT vectorises. Unscaled in both
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
    static void transform(float[] re, float[] im, int n, int lanes, boolean inverse) {
        Tables t = Tables.of(n);
        permute(re, im, n, lanes, t.reversed());
        float sign = inverse ? 1f : -1f;
        if (n >= 2) {
            firstStage(re, im, n, lanes);
        }
        for (int size = 4; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int j = 0; j < half; j++) {
                    butterfly(re, im, (start + j) * lanes, (start + j + half) * lanes, lanes,
                            t.cos()[j * step], sign * t.sin()[j * step]);
                }
            }
        }
    }

    private static void permute(float[] re, float[] im, int n, int lanes, int[] reversed) {
        for (int i = 0; i < n; i++) {
            int j = reversed[i];
            if (i < j) {
                int a = i * lanes;
                int b = j * lanes;
                for (int k = 0; k < lanes; k++) {
                    float tr = re[a + k];
                    re[a + k] = re[b + k];
                    re[b + k] = tr;
                    float ti = im[a + k];
                    im[a + k] = im[b + k];
                    im[b + k] = ti;
                }
            }
        }
    }

    private static void firstStage(float[] re, float[] im, int n, int lanes) {
        for (int start = 0; start < n; start += 2) {
            int a = start * lanes;
            int c = a + lanes;
            for (int k = 0; k < lanes; k++) {
                float ar = re[a + k];
                float ai = im[a + k];
                float cr = re[c + k];
                float ci = im[c + k];
                re[a + k] = ar + cr;
                im[a + k] = ai + ci;
                re[c + k] = ar - cr;
                im[c + k] = ai - ci;
            }
        }
    }

    private static void butterfly(float[] re, float[] im, int a, int c, int lanes, float wr, float wi) {
        for (int k = 0; k < lanes; k++) {
            float cr = re[c + k];
            float ci = im[c + k];
            float tr = wr * cr - wi * ci;
            float ti = wr * ci + wi * cr;
            float ar = re[a + k];
            float ai = im[a + k];
            re[c + k] = ar - tr;
            im[c + k] = ai - ti;
            re[a + k] = ar + tr;
            im[a + k] = ai + ti;
        }
    }
}
