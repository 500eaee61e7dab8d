package org.scopeflow.imaging.fourier;

import java.util.stream.IntStream;
import org.jtransforms.fft.FloatFFT_2D;

/**
 * Real-to-complex 2-D FFT into a {@link HalfSpectrum} and back. Power-of-two sizes use our own
 * transform: each row pair-packs its even and odd samples into one complex FFT of half the length,
 * and rows and columns are transformed many at a time as lanes of a {@link LaneFft} (64 rows, or
 * strips of 128 columns). The lane count matters: the JIT vectorises a lane loop only when it runs for
 * at least ~32 iterations (measured 2–3× faster butterflies at 64 lanes than at 16). Other sizes go
 * through JTransforms. Single-threaded per call unless asked otherwise (callers parallelise across
 * images); thread-safe.
 */
public final class RealFft2D {
    private static final int LANES = 64;
    private static final int COLUMN_LANES = 128;
    /** Spectrum columns (or pixel pairs) moved per row at a time between row-major images and lanes. */
    private static final int TILE = 16;

    private RealFft2D() {}

    /** The half spectrum of a real {@code width × height} image (row-major pixels, not modified). */
    public static HalfSpectrum forward(float[] pixels, int width, int height) {
        if ((long) width * height != pixels.length) {
            throw new IllegalArgumentException("a " + width + "×" + height + " image needs "
                    + (long) width * height + " pixels, got " + pixels.length);
        }
        if (!LaneFft.isPowerOfTwo(width) || !LaneFft.isPowerOfTwo(height) || width < 2) {
            return forwardGeneral(pixels, width, height);
        }
        HalfSpectrum out = HalfSpectrum.zeros(width, height);
        float[][] sr = new float[width / 2 + 1][LANES];
        float[][] si = new float[width / 2 + 1][LANES];
        for (int y0 = 0; y0 < height; y0 += LANES) {
            rowsForward(pixels, out, y0, Math.min(LANES, height - y0), sr, si);
        }
        columns(out, false, false);
        return out;
    }

    /**
     * The real image (scaled by 1/(width·height), so that it inverts {@link #forward}) of a half
     * spectrum, which is overwritten.
     */
    public static float[] inverse(HalfSpectrum spectrum) {
        return inverse(spectrum, false);
    }

    /**
     * As {@link #inverse(HalfSpectrum)}; with {@code parallel}, strips and row blocks are spread over
     * the common fork-join pool (for one big image when there is nothing else to run alongside).
     */
    public static float[] inverse(HalfSpectrum spectrum, boolean parallel) {
        int width = spectrum.width();
        int height = spectrum.height();
        if (!LaneFft.isPowerOfTwo(width) || !LaneFft.isPowerOfTwo(height) || width < 2) {
            return inverseGeneral(spectrum);
        }
        columns(spectrum, true, parallel);
        float[] out = new float[width * height];
        float scale = 1f / ((width / 2) * (float) height);
        int blocks = (height + LANES - 1) / LANES;
        IntStream range = IntStream.range(0, blocks);
        (parallel ? range.parallel() : range).forEach(b -> {
            float[][] sr = new float[width / 2 + 1][LANES];
            float[][] si = new float[width / 2 + 1][LANES];
            int y0 = b * LANES;
            rowsInverse(spectrum, out, y0, Math.min(LANES, height - y0), sr, si, scale);
        });
        return out;
    }

    /**
     * Row FFTs of rows y0 … y0+lanes−1: z = even + i·odd samples, FFT of w/2, then split. The lane
     * arrays {@code sr}, {@code si} hold w/2 + 1 samples (the split needs one more than the FFT).
     */
    private static void rowsForward(float[] px, HalfSpectrum out, int y0, int lanes, float[][] sr, float[][] si) {
        int w = out.width();
        int n = w / 2;
        pairsToLanes(px, y0 * w, w, n, lanes, sr, si);
        LaneFft.transform(sr, si, n, lanes, false);
        splitLanes(sr, si, n, lanes, LaneFft.Tables.of(w));
        lanesToRows(sr, si, n + 1, lanes, out.re(), out.im(), y0 * out.columns(), out.columns());
    }

    /*
     * The moves between row-major images and lanes are methods of their own, each one loop nest: the JIT
     * compiles such a method in a fraction of the time it takes for a method with several hot loops (which it
     * compiles once per loop entered hot, then once more whole), and those compilations compete with the
     * first movies for the cores.
     */

    /**
     * Lanes of pixel pairs: sample k of lane r is (px[i], px[i + 1]) with i = base + r·w + 2k. Sample-major,
     * so that each lane array is written whole; the rows are read in parallel streams.
     */
    private static void pairsToLanes(float[] px, int base, int w, int n, int lanes, float[][] sr, float[][] si) {
        for (int k = 0; k < n; k++) {
            float[] re = sr[k];
            float[] im = si[k];
            for (int r = 0, i = base + 2 * k; r < lanes; r++, i += w) {
                re[r] = px[i];
                im[r] = px[i + 1];
            }
        }
    }

    /**
     * Samples 0 … count−1 of each lane r into row r of (re, im): re[base + r·stride + k] = sr[k][r]. In tiles
     * of TILE samples, so that each row's part of a tile is one run of consecutive stores.
     */
    private static void lanesToRows(float[][] sr, float[][] si, int count, int lanes, float[] re, float[] im, int base,
            int stride) {
        for (int k0 = 0; k0 < count; k0 += TILE) {
            int k1 = Math.min(count, k0 + TILE);
            for (int r = 0; r < lanes; r++) {
                int o = base + r * stride;
                for (int k = k0; k < k1; k++) {
                    re[o + k] = sr[k][r];
                    im[o + k] = si[k][r];
                }
            }
        }
    }

    /** The inverse of {@link #lanesToRows}: sr[k][r] = re[base + r·stride + k] for k &lt; count. */
    private static void rowsToLanes(float[] re, float[] im, int base, int stride, int count, int lanes, float[][] sr,
            float[][] si) {
        for (int k0 = 0; k0 < count; k0 += TILE) {
            int k1 = Math.min(count, k0 + TILE);
            for (int r = 0; r < lanes; r++) {
                int row = base + r * stride;
                for (int k = k0; k < k1; k++) {
                    sr[k][r] = re[row + k];
                    si[k][r] = im[row + k];
                }
            }
        }
    }

    /** The inverse of {@link #pairsToLanes}, scaled: (px[i], px[i + 1]) = scale·(sr[k][r], si[k][r]). */
    private static void lanesToPairs(float[][] sr, float[][] si, int n, int lanes, float[] px, int base, int w,
            float scale) {
        for (int k0 = 0; k0 < n; k0 += TILE) {
            int k1 = Math.min(n, k0 + TILE);
            for (int r = 0, row = base; r < lanes; r++, row += w) {
                for (int k = k0, i = row + 2 * k0; k < k1; k++, i += 2) {
                    px[i] = sr[k][r] * scale;
                    px[i + 1] = si[k][r] * scale;
                }
            }
        }
    }

    /**
     * In place over the lanes, Z (the FFT of even + i·odd samples, k &lt; n) → X (the real signal's
     * spectrum, k ≤ n): X[k] = E + W^k·O, E = (Z[k] + Z*[n−k])/2, O = −i·(Z[k] − Z*[n−k])/2,
     * W^k = c − i·s; k and n − k are computed together (their E and O are conjugates).
     */
    private static void splitLanes(float[][] sr, float[][] si, int n, int lanes, LaneFft.Tables t) {
        float[] r0 = sr[0];
        float[] i0 = si[0];
        float[] rn = sr[n];
        float[] in = si[n];
        for (int r = 0; r < lanes; r++) {
            float zr = r0[r];
            float zi = i0[r];
            r0[r] = zr + zi;
            i0[r] = 0f;
            rn[r] = zr - zi;
            in[r] = 0f;
        }
        for (int k = 1; 2 * k <= n; k++) {
            int m = n - k;
            float c = t.cos()[k];
            float s = t.sin()[k];
            float[] ar = sr[k];
            float[] ai = si[k];
            float[] br = sr[m];
            float[] bi = si[m];
            if (k == m) {
                for (int r = 0; r < lanes; r++) {
                    float zr = ar[r];
                    float zi = ai[r];
                    ar[r] = zr + c * zi;
                    ai[r] = -s * zi;
                }
                continue;
            }
            for (int r = 0; r < lanes; r++) {
                float zr = ar[r];
                float zi = ai[r];
                float mr = br[r];
                float mi = bi[r];
                float er = 0.5f * (zr + mr);
                float ei = 0.5f * (zi - mi);
                float or = 0.5f * (zi + mi);
                float oi = -0.5f * (zr - mr);
                ar[r] = er + c * or + s * oi;
                ai[r] = ei + c * oi - s * or;
                br[r] = er - c * or - s * oi;
                bi[r] = -ei + c * oi - s * or;
            }
        }
    }

    /** In place over the lanes, the inverse of {@link #splitLanes}: X (k ≤ n) → Z (k &lt; n). */
    private static void joinLanes(float[][] sr, float[][] si, int n, int lanes, LaneFft.Tables t) {
        float[] r0 = sr[0];
        float[] i0 = si[0];
        float[] rn = sr[n];
        float[] in = si[n];
        for (int r = 0; r < lanes; r++) {
            // k = 0 pairs with k = n; W^0 = 1. (X[0], X[n] are real for a real signal; kept general.)
            float xr = r0[r];
            float xi = i0[r];
            float mr = rn[r];
            float mi = -in[r];
            r0[r] = 0.5f * (xr + mr) - 0.5f * (xi - mi);
            i0[r] = 0.5f * (xi + mi) + 0.5f * (xr - mr);
        }
        for (int k = 1; 2 * k <= n; k++) {
            int m = n - k;
            float c = t.cos()[k];
            float s = t.sin()[k];
            float[] ar = sr[k];
            float[] ai = si[k];
            float[] br = sr[m];
            float[] bi = si[m];
            for (int r = 0; r < lanes; r++) {
                float xr = ar[r];
                float xi = ai[r];
                float mr = br[r];
                float mi = -bi[r];
                float er = 0.5f * (xr + mr);
                float ei = 0.5f * (xi + mi);
                float dr = 0.5f * (xr - mr);
                float di = 0.5f * (xi - mi);
                // O = D·W^−k with W^−k = c + i·s; Z = E + i·O; Z[n−k] = conj(E) + i·conj(O)·(−1)
                float or = dr * c - di * s;
                float oi = dr * s + di * c;
                ar[r] = er - oi;
                ai[r] = ei + or;
                if (k != m) {
                    br[r] = er + oi;
                    bi[r] = -ei + or;
                }
            }
        }
    }

    private static void rowsInverse(HalfSpectrum in, float[] px, int y0, int lanes, float[][] sr, float[][] si, float scale) {
        int w = in.width();
        int n = w / 2;
        int cols = in.columns();
        rowsToLanes(in.re(), in.im(), y0 * cols, cols, n + 1, lanes, sr, si);
        joinLanes(sr, si, n, lanes, LaneFft.Tables.of(w));
        LaneFft.transform(sr, si, n, lanes, true);
        lanesToPairs(sr, si, n, lanes, px, y0 * w, w, scale);
    }

    /** Column FFTs in strips of {@link #COLUMN_LANES} columns. */
    private static void columns(HalfSpectrum s, boolean inverse, boolean parallel) {
        int h = s.height();
        int cols = s.columns();
        int strips = (cols + COLUMN_LANES - 1) / COLUMN_LANES;
        if (!parallel) {
            float[][] sr = new float[h][COLUMN_LANES];
            float[][] si = new float[h][COLUMN_LANES];
            for (int strip = 0; strip < strips; strip++) {
                strip(s, strip * COLUMN_LANES, inverse, sr, si);
            }
            return;
        }
        IntStream.range(0, strips).parallel().forEach(strip -> strip(s, strip * COLUMN_LANES, inverse,
                new float[h][COLUMN_LANES], new float[h][COLUMN_LANES]));
    }

    private static void strip(HalfSpectrum s, int x0, boolean inverse, float[][] sr, float[][] si) {
        int h = s.height();
        int cols = s.columns();
        float[] re = s.re();
        float[] im = s.im();
        int lanes = Math.min(COLUMN_LANES, cols - x0);
        for (int y = 0; y < h; y++) {
            System.arraycopy(re, y * cols + x0, sr[y], 0, lanes);
            System.arraycopy(im, y * cols + x0, si[y], 0, lanes);
        }
        LaneFft.transform(sr, si, h, lanes, inverse);
        for (int y = 0; y < h; y++) {
            System.arraycopy(sr[y], 0, re, y * cols + x0, lanes);
            System.arraycopy(si[y], 0, im, y * cols + x0, lanes);
        }
    }

    private static HalfSpectrum forwardGeneral(float[] pixels, int width, int height) {
        float[] full = new float[2 * width * height];
        System.arraycopy(pixels, 0, full, 0, pixels.length);
        new FloatFFT_2D(height, width).realForwardFull(full);
        HalfSpectrum out = HalfSpectrum.zeros(width, height);
        int cols = out.columns();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < cols; x++) {
                out.re()[y * cols + x] = full[2 * (y * width + x)];
                out.im()[y * cols + x] = full[2 * (y * width + x) + 1];
            }
        }
        return out;
    }

    private static float[] inverseGeneral(HalfSpectrum s) {
        int width = s.width();
        int height = s.height();
        int cols = s.columns();
        float[] full = new float[2 * width * height];
        for (int y = 0; y < height; y++) {
            int my = (height - y) % height;
            for (int x = 0; x < width; x++) {
                int i = 2 * (y * width + x);
                if (x < cols) {
                    full[i] = s.re()[y * cols + x];
                    full[i + 1] = s.im()[y * cols + x];
                } else {
                    full[i] = s.re()[my * cols + width - x];
                    full[i + 1] = -s.im()[my * cols + width - x];
                }
            }
        }
        new FloatFFT_2D(height, width).complexInverse(full, true);
        float[] out = new float[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = full[2 * i];
        }
        return out;
    }
}
