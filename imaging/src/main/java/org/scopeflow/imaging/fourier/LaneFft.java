package org.scopeflow.imaging.fourier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-place radix-2² complex FFTs of many signals of one power-of-two length at once. The signals are
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
        int stages = Integer.numberOfTrailingZeros(n);
        int m = 2;
        if (stages % 2 == 1) {
            firstStage(re, im, n, lanes);
            m = 4;
        }
        for (; m <= n / 2; m <<= 2) {
            for (int start = 0; start < n; start += 2 * m) {
                for (int j = 0; j < m / 2; j++) {
                    int a = j * (n / m);
                    int b = j * (n / (2 * m));
                    radix4(re, im, (start + j) * lanes, (m / 2) * lanes, lanes,
                            t.cos()[a], sign * t.sin()[a], t.cos()[b], sign * t.sin()[b], sign);
                }
            }
        }
    }

    /**
     * Two radix-2 stages at once (sizes m and 2m) on the four points i0, i0 + m/2, i0 + m, i0 + 3m/2:
     * half the passes over the data. {@code wa} is the size-m twiddle, {@code wb} the size-2m one; the
     * second size-2m twiddle is wb·(sign·i).
     */
    private static void radix4(float[] re, float[] im, int i0, int quarter, int lanes, float war, float wai,
            float wbr, float wbi, float sign) {
        int i1 = i0 + quarter;
        int i2 = i1 + quarter;
        int i3 = i2 + quarter;
        for (int k = 0; k < lanes; k++) {
            float x1r = re[i1 + k];
            float x1i = im[i1 + k];
            float t1r = war * x1r - wai * x1i;
            float t1i = war * x1i + wai * x1r;
            float x3r = re[i3 + k];
            float x3i = im[i3 + k];
            float t3r = war * x3r - wai * x3i;
            float t3i = war * x3i + wai * x3r;
            float x0r = re[i0 + k];
            float x0i = im[i0 + k];
            float x2r = re[i2 + k];
            float x2i = im[i2 + k];
            float a0r = x0r + t1r;
            float a0i = x0i + t1i;
            float a1r = x0r - t1r;
            float a1i = x0i - t1i;
            float a2r = x2r + t3r;
            float a2i = x2i + t3i;
            float a3r = x2r - t3r;
            float a3i = x2i - t3i;
            float u2r = wbr * a2r - wbi * a2i;
            float u2i = wbr * a2i + wbi * a2r;
            float u3r = wbr * a3r - wbi * a3i;
            float u3i = wbr * a3i + wbi * a3r;
            float v3r = -sign * u3i;
            float v3i = sign * u3r;
            re[i0 + k] = a0r + u2r;
            im[i0 + k] = a0i + u2i;
            re[i2 + k] = a0r - u2r;
            im[i2 + k] = a0i - u2i;
            re[i1 + k] = a1r + v3r;
            im[i1 + k] = a1i + v3i;
            re[i3 + k] = a1r - v3r;
            im[i3 + k] = a1i - v3i;
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
}
