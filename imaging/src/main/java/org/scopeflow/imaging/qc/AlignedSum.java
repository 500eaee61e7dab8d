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
        MotionAligner.indices(0, tasks, parallel).forEach(t -> {
            for (int y = t * ROWS_PER_TASK; y < Math.min(h, (t + 1) * ROWS_PER_TASK); y++) {
                rows.accumulate(y);
            }
        });
        return new FloatImage(w, h, RealFft2D.inverse(total, parallel));
    }

    /** The per-row work: ramps (x tables per frame, y shift per frame), weights, renormalisation. */
    private record Rows(HalfSpectrum[] spectra, HalfSpectrum total, float[][] cosX, float[][] sinX, double[] dyPixel,
            double pixelAngstrom, MotionOptions options) {
        void accumulate(int y) {
            int w = total.width();
            int h = total.height();
            int cols = total.columns();
            int row = y * cols;
            float[] weight = new float[cols];
            float[] factor = new float[cols];
            double[] weightSquares = options.doseWeighting() ? new double[cols] : null;
            initialWeights(y, w, h, weight, factor);
            float[] tre = total.re();
            float[] tim = total.im();
            double fy = Fourier2D.frequency(y, h);
            for (int i = 0; i < spectra.length; i++) {
                double b = 2 * Math.PI * fy * dyPixel[i];
                float cy = (float) Math.cos(b);
                float sy = (float) Math.sin(b);
                float[] re = spectra[i].re();
                float[] im = spectra[i].im();
                float[] cx = cosX[i];
                float[] sx = sinX[i];
                for (int x = 0; x < cols; x++) {
                    float c = weight[x] * (cx[x] * cy - sx[x] * sy);
                    float s = weight[x] * (sx[x] * cy + cx[x] * sy);
                    float r = re[row + x];
                    float m = im[row + x];
                    tre[row + x] += r * c - m * s;
                    tim[row + x] += r * s + m * c;
                }
                if (weightSquares != null) {
                    for (int x = 0; x < cols; x++) {
                        weightSquares[x] += weight[x] * weight[x];
                        weight[x] *= factor[x];
                    }
                }
            }
            if (weightSquares != null) {
                for (int x = 0; x < cols; x++) {
                    float scale = (float) Math.sqrt(spectra.length / weightSquares[x]);
                    tre[row + x] *= scale;
                    tim[row + x] *= scale;
                }
            }
        }

        /** Weight of frame 0, exp(−½·dose/(2·Ne(k))), and the factor from one frame to the next. */
        private void initialWeights(int y, int w, int h, float[] weight, float[] factor) {
            if (!options.doseWeighting()) {
                Arrays.fill(weight, 1f);
                return;
            }
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
