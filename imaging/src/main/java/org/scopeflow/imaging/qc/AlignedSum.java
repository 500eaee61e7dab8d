package org.scopeflow.imaging.qc;

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
            double dx = xAngstrom[i] / pixelAngstrom;
            for (int x = 0; x < cols; x++) {
                double p = 2 * Math.PI * x / w * dx;
                cosX[i][x] = (float) Math.cos(p);
                sinX[i][x] = (float) Math.sin(p);
            }
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
     * The work on a block of rows: ramps (x tables per frame, y shift per frame), weights,
     * renormalisation. Frame by frame over the block, so that two arrays stream from memory at a time
     * (the frame's) into a block of the total that stays in cache, rather than two per frame at once.
     */
    private record Rows(HalfSpectrum[] spectra, HalfSpectrum total, float[][] cosX, float[][] sinX, double[] dyPixel,
            double pixelAngstrom, MotionOptions options) {
        void accumulate(int y0, int y1) {
            int w = total.width();
            int h = total.height();
            int cols = total.columns();
            int rows = y1 - y0;
            boolean weighted = options.doseWeighting();
            float[][] weight = weighted ? new float[rows][cols] : null;
            float[][] factor = weighted ? new float[rows][cols] : null;
            double[][] weightSquares = weighted ? new double[rows][cols] : null;
            for (int r = 0; weighted && r < rows; r++) {
                initialWeights(y0 + r, w, h, weight[r], factor[r]);
            }
            Buffers buffers = new Buffers(new float[cols], new float[cols], new float[cols], new float[cols]);
            for (int i = 0; i < spectra.length; i++) {
                for (int r = 0; r < rows; r++) {
                    int y = y0 + r;
                    double b = 2 * Math.PI * Fourier2D.frequency(y, h) * dyPixel[i];
                    float cy = (float) Math.cos(b);
                    float sy = (float) Math.sin(b);
                    if (weighted) {
                        addWeighted(i, y * cols, cy, sy, weight[r], factor[r], weightSquares[r], buffers);
                    } else {
                        add(i, y * cols, cy, sy, buffers);
                    }
                }
            }
            for (int r = 0; weighted && r < rows; r++) {
                int row = (y0 + r) * cols;
                for (int x = 0; x < cols; x++) {
                    float scale = (float) Math.sqrt(spectra.length / weightSquares[r][x]);
                    total.re()[row + x] *= scale;
                    total.im()[row + x] *= scale;
                }
            }
        }

        /**
         * Adds frame i's row (from index {@code row}) moved back by its ramp. The row and its total go
         * through the buffers (indexed like the ramp tables): JDK 17 vectorises a loop only when all its
         * arrays are indexed alike.
         */
        private void add(int i, int row, float cy, float sy, Buffers b) {
            b.load(spectra[i], total, row);
            float[] cx = cosX[i];
            float[] sx = sinX[i];
            float[] re = b.re();
            float[] im = b.im();
            float[] tre = b.totalRe();
            float[] tim = b.totalIm();
            for (int x = 0; x < cx.length; x++) {
                float c = cx[x] * cy - sx[x] * sy;
                float s = sx[x] * cy + cx[x] * sy;
                float r = re[x];
                float m = im[x];
                tre[x] += r * c - m * s;
                tim[x] += r * s + m * c;
            }
            b.store(total, row);
        }

        /** As {@link #add}, times the frame's weights, which then become the next frame's. */
        private void addWeighted(int i, int row, float cy, float sy, float[] weight, float[] factor,
                double[] weightSquares, Buffers b) {
            b.load(spectra[i], total, row);
            float[] cx = cosX[i];
            float[] sx = sinX[i];
            float[] re = b.re();
            float[] im = b.im();
            float[] tre = b.totalRe();
            float[] tim = b.totalIm();
            for (int x = 0; x < cx.length; x++) {
                float c = weight[x] * (cx[x] * cy - sx[x] * sy);
                float s = weight[x] * (sx[x] * cy + cx[x] * sy);
                float r = re[x];
                float m = im[x];
                tre[x] += r * c - m * s;
                tim[x] += r * s + m * c;
            }
            b.store(total, row);
            for (int x = 0; x < cx.length; x++) {
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

    /** One row of a frame and of the total, copied out so that every loop indexes its arrays alike. */
    private record Buffers(float[] re, float[] im, float[] totalRe, float[] totalIm) {
        void load(HalfSpectrum frame, HalfSpectrum total, int row) {
            int n = re.length;
            System.arraycopy(frame.re(), row, re, 0, n);
            System.arraycopy(frame.im(), row, im, 0, n);
            System.arraycopy(total.re(), row, totalRe, 0, n);
            System.arraycopy(total.im(), row, totalIm, 0, n);
        }

        void store(HalfSpectrum total, int row) {
            System.arraycopy(totalRe, 0, total.re(), row, totalRe.length);
            System.arraycopy(totalIm, 0, total.im(), row, totalIm.length);
        }
    }
}
