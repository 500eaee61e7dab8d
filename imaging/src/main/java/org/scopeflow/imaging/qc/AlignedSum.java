package org.scopeflow.imaging.qc;

import java.util.Arrays;
import java.util.List;
import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.fourier.HalfSpectrum;
import org.scopeflow.imaging.fourier.RealFft2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Sums frames after moving each back by its shift (Fourier phase ramp, exact sub-pixel), optionally
 * weighting each frequency of each frame by its exposure (Grant &amp; Grigorieff 2015 critical
 * exposure, Ne(k) = 0.245·k^−1.665 + 2.81 e⁻/Å²) and renormalising so the noise power stays that of
 * a plain sum. Works row by row over the frames' half spectra, so that the weight of frame i is that of
 * frame i−1 times one factor per frequency (one exponential per frequency, not per frame), with the
 * rows spread over the common pool unless asked otherwise. Stateless.
 */
final class AlignedSum {
    private static final int ROWS_PER_TASK = 32;

    private AlignedSum() {}

    /** The aligned sum of frames given in real space (shifts in Å). */
    static FloatImage sum(List<FloatImage> frames, double[] xAngstrom, double[] yAngstrom, double pixelAngstrom,
            MotionOptions options) {
        HalfSpectrum[] spectra = frames.stream()
                .map(f -> RealFft2D.forward(f.pixels(), f.width(), f.height())).toArray(HalfSpectrum[]::new);
        return sum(spectra, xAngstrom, yAngstrom, pixelAngstrom, options, true);
    }

    /** The aligned sum of frames given by their half spectra (shifts in Å), rows spread over the common pool or not. */
    static FloatImage sum(HalfSpectrum[] spectra, double[] xAngstrom, double[] yAngstrom, double pixelAngstrom,
            MotionOptions options, boolean parallel) {
        int w = spectra[0].width();
        int h = spectra[0].height();
        int n = spectra.length;
        int cols = spectra[0].columns();
        float[][] cosX = new float[n][cols];
        float[][] sinX = new float[n][cols];
        double[] dyPixel = new double[n];
        for (int i = 0; i < n; i++) {
            ramp(xAngstrom[i] / pixelAngstrom, w, cosX[i], sinX[i]);
            dyPixel[i] = yAngstrom[i] / pixelAngstrom;
        }
        HalfSpectrum total = HalfSpectrum.zeros(w, h);
        Rows rows = new Rows(spectra, total, cosX, sinX, dyPixel, pixelAngstrom, options);
        int tasks = (h + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        MotionAligner.indices(0, tasks, parallel).forEach(t ->
                rows.accumulate(t * ROWS_PER_TASK, Math.min(h, (t + 1) * ROWS_PER_TASK)));
        return new FloatImage(w, h, RealFft2D.inverse(total, parallel));
    }

    /**
     * The x part of the phase ramp of a shift by dx pixels, per column x: cos and sin of 2π·x·dx/w. A method
     * of its own so that the JIT compiles this loop alone rather than the whole sum once more.
     */
    private static void ramp(double dx, int w, float[] cos, float[] sin) {
        for (int x = 0; x < cos.length; x++) {
            double p = 2 * Math.PI * x / w * dx;
            cos[x] = (float) Math.cos(p);
            sin[x] = (float) Math.sin(p);
        }
    }

    /**
     * The work on a block of rows: ramps (x tables per frame, y shift per frame), weights,
     * renormalisation. Frame by frame over the block, so that two arrays stream from memory at a time
     * (the frame's) into the block's sums, which stay in cache, rather than two per frame at once. Each
     * frame row is copied out first and the sums are rows of their own, so that the multiply-add loop
     * indexes all its arrays alike: JDK 17 vectorises a loop only then.
     */
    private record Rows(HalfSpectrum[] spectra, HalfSpectrum total, float[][] cosX, float[][] sinX, double[] dyPixel,
            double pixelAngstrom, MotionOptions options) {
        void accumulate(int y0, int y1) {
            int w = total.width();
            int h = total.height();
            int cols = total.columns();
            int rows = y1 - y0;
            boolean weighted = options.doseWeighting();
            // Unweighted, every weight stays 1.
            float[][] weight = new float[rows][cols];
            float[][] factor = weighted ? new float[rows][cols] : null;
            double[][] weightSquares = weighted ? new double[rows][cols] : null;
            for (int r = 0; r < rows; r++) {
                if (weighted) {
                    initialWeights(y0 + r, w, h, weight[r], factor[r]);
                } else {
                    Arrays.fill(weight[r], 1f);
                }
            }
            float[][] sumRe = new float[rows][cols];
            float[][] sumIm = new float[rows][cols];
            float[] re = new float[cols];
            float[] im = new float[cols];
            for (int i = 0; i < spectra.length; i++) {
                for (int r = 0; r < rows; r++) {
                    int y = y0 + r;
                    double b = 2 * Math.PI * Fourier2D.frequency(y, h) * dyPixel[i];
                    System.arraycopy(spectra[i].re(), y * cols, re, 0, cols);
                    System.arraycopy(spectra[i].im(), y * cols, im, 0, cols);
                    add(re, im, cosX[i], sinX[i], (float) Math.cos(b), (float) Math.sin(b), weight[r], sumRe[r], sumIm[r]);
                    if (weighted) {
                        nextWeights(weight[r], factor[r], weightSquares[r]);
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int x = 0; weighted && x < cols; x++) {
                    float scale = (float) Math.sqrt(spectra.length / weightSquares[r][x]);
                    sumRe[r][x] *= scale;
                    sumIm[r][x] *= scale;
                }
                System.arraycopy(sumRe[r], 0, total.re(), (y0 + r) * cols, cols);
                System.arraycopy(sumIm[r], 0, total.im(), (y0 + r) * cols, cols);
            }
        }

        /** Adds a frame row (re, im) moved back by its ramp (x tables, y factor) times its weights. */
        private static void add(float[] re, float[] im, float[] cx, float[] sx, float cy, float sy, float[] weight,
                float[] sumRe, float[] sumIm) {
            for (int x = 0; x < cx.length; x++) {
                float c = weight[x] * (cx[x] * cy - sx[x] * sy);
                float s = weight[x] * (sx[x] * cy + cx[x] * sy);
                float r = re[x];
                float m = im[x];
                sumRe[x] += r * c - m * s;
                sumIm[x] += r * s + m * c;
            }
        }

        /** The weights of a row become the next frame's; their squares are summed for the renormalisation. */
        private static void nextWeights(float[] weight, float[] factor, double[] weightSquares) {
            for (int x = 0; x < weight.length; x++) {
                weightSquares[x] += weight[x] * weight[x];
                weight[x] *= factor[x];
            }
        }

        /** Weight of frame 0, exp(−½·dose/(2·Ne(k))), and the factor from one frame to the next. */
        private void initialWeights(int y, int w, int h, float[] weight, float[] factor) {
            double ky = Fourier2D.frequency(y, h) / pixelAngstrom;
            double dose = options.dosePerFrameElectronPerAngstrom2();
            for (int x = 0; x < weight.length; x++) {
                double kx = x / (w * pixelAngstrom);
                double kk = Math.sqrt(kx * kx + ky * ky);
                double critical = kk == 0 ? Double.POSITIVE_INFINITY : 0.245 * Math.pow(kk, -1.665) + 2.81;
                double q = Math.exp(-dose / (2 * critical));
                factor[x] = (float) q;
                weight[x] = (float) Math.sqrt(q);
            }
        }
    }
}
