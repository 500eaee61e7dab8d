package org.scopeflow.imaging.fourier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-place radix-2² complex FFTs of many signals of one power-of-two length at once. The signals are
 * "lanes" stored planar, one array per sample index ({@code re[j][b]} is sample j of lane b), so every
 * butterfly runs a loop over the lanes in which all accesses share one index — a loop the JIT
 * vectorises (it would not with several offsets into one array, which might overlap). Unscaled in both
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
                    radix4(re, im, start + j, m / 2, lanes,
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
    private static void radix4(float[][] re, float[][] im, int i0, int quarter, int lanes, float war, float wai,
            float wbr, float wbi, float sign) {
        int i1 = i0 + quarter;
        int i2 = i1 + quarter;
        int i3 = i2 + quarter;
        float[] r0 = re[i0];
        float[] r1 = re[i1];
        float[] r2 = re[i2];
        float[] r3 = re[i3];
        float[] m0 = im[i0];
        float[] m1 = im[i1];
        float[] m2 = im[i2];
        float[] m3 = im[i3];
        for (int k = 0; k < lanes; k++) {
            float x1r = r1[k];
            float x1i = m1[k];
            float t1r = war * x1r - wai * x1i;
            float t1i = war * x1i + wai * x1r;
            float x3r = r3[k];
            float x3i = m3[k];
            float t3r = war * x3r - wai * x3i;
            float t3i = war * x3i + wai * x3r;
            float x0r = r0[k];
            float x0i = m0[k];
            float x2r = r2[k];
            float x2i = m2[k];
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
            r0[k] = a0r + u2r;
            m0[k] = a0i + u2i;
            r2[k] = a0r - u2r;
            m2[k] = a0i - u2i;
            r1[k] = a1r + v3r;
            m1[k] = a1i + v3i;
            r3[k] = a1r - v3r;
            m3[k] = a1i - v3i;
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
