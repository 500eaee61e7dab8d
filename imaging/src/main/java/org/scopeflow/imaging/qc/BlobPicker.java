package org.scopeflow.imaging.qc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Laplacian-of-Gaussian blob picking: the micrograph is binned so the smallest particle spans about
 * 16 px, normalised (dark particles inverted), filtered at five scales between the smallest and
 * largest diameter with the scale-normalised −σ²∇²G (σ = radius/√2, applied in Fourier space), and
 * the maximum over scales is kept. Local maxima above a robust threshold (median + t·1.4826·MAD of
 * the response) are accepted greedily, best first, at least 0.8 × the smallest diameter apart and
 * a radius away from the edges. Stateless and thread-safe.
 */
public final class BlobPicker {
    private static final int SCALES = 5;

    public PickResult pick(FloatImage micrograph, double pixelSizeAngstrom, PickOptions options) {
        double dMinPixel = options.diameterMinAngstrom() / pixelSizeAngstrom;
        int bin = Math.max(1, (int) Math.floor(dMinPixel / 16));
        FloatImage work = Binning.average(micrograph, bin);
        if (work.width() < 16 || work.height() < 16) {
            throw new IllegalArgumentException("micrograph " + micrograph.width() + "×" + micrograph.height()
                    + " px is too small for particles of " + options.diameterMinAngstrom() + " Å at "
                    + pixelSizeAngstrom + " Å/px");
        }
        normalise(work, options.darkParticles());
        double binnedPixel = pixelSizeAngstrom * bin;
        float[] spectrum = Fourier2D.forward(work);
        int w = work.width();
        int h = work.height();
        float[] best = new float[w * h];
        Arrays.fill(best, Float.NEGATIVE_INFINITY);
        float[] bestDiameter = new float[w * h];
        for (int s = 0; s < SCALES; s++) {
            double d = options.diameterMinAngstrom()
                    + (options.diameterMaxAngstrom() - options.diameterMinAngstrom()) * s / (SCALES - 1);
            FloatImage response = logResponse(spectrum, w, h, d / binnedPixel / 2 / Math.sqrt(2));
            float[] r = response.pixels();
            for (int i = 0; i < r.length; i++) {
                if (r[i] > best[i]) {
                    best[i] = r[i];
                    bestDiameter[i] = (float) d;
                }
            }
        }
        double[] robust = medianAndSigma(best);
        for (int i = 0; i < best.length; i++) {
            best[i] = (float) ((best[i] - robust[0]) / robust[1]);
        }
        int minDistance = (int) Math.max(1, Math.round(0.8 * dMinPixel / bin));
        int edge = (int) Math.round(dMinPixel / bin / 2);
        List<Pick> picks = select(best, bestDiameter, w, h, options.thresholdSigma(), minDistance, edge, bin);
        double[] scores = picks.stream().mapToDouble(Pick::score).sorted().toArray();
        double median = scores.length == 0 ? Double.NaN : scores[scores.length / 2];
        return new PickResult(picks, median);
    }

    private static void normalise(FloatImage image, boolean invert) {
        float[] p = image.pixels();
        double mean = 0;
        for (float v : p) {
            mean += v;
        }
        mean /= p.length;
        double var = 0;
        for (float v : p) {
            var += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(var / p.length);
        double scale = (invert ? -1 : 1) / (sd > 0 ? sd : 1);
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((p[i] - mean) * scale);
        }
    }

    /** Scale-normalised −σ²∇²G ∗ image, computed as σ²·4π²k²·exp(−2π²σ²k²)·F(k). */
    private static FloatImage logResponse(float[] spectrum, int w, int h, double sigmaPixel) {
        float[] s = spectrum.clone();
        double s2 = sigmaPixel * sigmaPixel;
        for (int y = 0; y < h; y++) {
            double ky = Fourier2D.frequency(y, h);
            for (int x = 0; x < w; x++) {
                double kx = Fourier2D.frequency(x, w);
                double k2 = kx * kx + ky * ky;
                float g = (float) (s2 * 4 * Math.PI * Math.PI * k2 * Math.exp(-2 * Math.PI * Math.PI * s2 * k2));
                int i = 2 * (y * w + x);
                s[i] *= g;
                s[i + 1] *= g;
            }
        }
        return Fourier2D.inverseReal(s, w, h);
    }

    private static double[] medianAndSigma(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        float[] deviations = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = (float) Math.abs(values[i] - median);
        }
        Arrays.sort(deviations);
        double sigma = 1.4826 * deviations[deviations.length / 2];
        return new double[] {median, sigma > 0 ? sigma : 1};
    }

    private static List<Pick> select(float[] score, float[] diameter, int w, int h, double threshold, int minDistance,
            int edge, int bin) {
        List<int[]> candidates = new ArrayList<>();
        for (int y = Math.max(1, edge); y < h - Math.max(1, edge); y++) {
            for (int x = Math.max(1, edge); x < w - Math.max(1, edge); x++) {
                float v = score[y * w + x];
                if (v >= threshold && isLocalMaximum(score, w, x, y)) {
                    candidates.add(new int[] {x, y});
                }
            }
        }
        candidates.sort((a, b) -> Float.compare(score[b[1] * w + b[0]], score[a[1] * w + a[0]]));
        List<Pick> picks = new ArrayList<>();
        List<int[]> kept = new ArrayList<>();
        long min2 = (long) minDistance * minDistance;
        for (int[] c : candidates) {
            boolean free = true;
            for (int[] k : kept) {
                long dx = c[0] - k[0];
                long dy = c[1] - k[1];
                if (dx * dx + dy * dy < min2) {
                    free = false;
                    break;
                }
            }
            if (free) {
                kept.add(c);
                int i = c[1] * w + c[0];
                picks.add(new Pick((c[0] + 0.5) * bin - 0.5, (c[1] + 0.5) * bin - 0.5, diameter[i], score[i]));
            }
        }
        return picks;
    }

    private static boolean isLocalMaximum(float[] score, int w, int x, int y) {
        float v = score[y * w + x];
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if ((dx != 0 || dy != 0) && score[(y + dy) * w + x + dx] > v) {
                    return false;
                }
            }
        }
        return true;
    }
}
