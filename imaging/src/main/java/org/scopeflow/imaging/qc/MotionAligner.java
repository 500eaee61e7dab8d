package org.scopeflow.imaging.qc;

import java.util.List;
import java.util.stream.IntStream;
import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Global (whole-frame) motion correction. Frames are binned and low-pass filtered, then each round
 * cross-correlates every frame with the sum of all other frames in their current alignment (leaving the
 * frame out keeps its own noise from pulling the peak to zero), fits the peak to sub-pixel precision
 * with a parabola and moves the frame by the residual; rounds stop when no frame moves more than 0.01
 * binned pixel. The track is then smoothed in time with a penalty on velocity changes whose weight is
 * chosen by cross-validation ({@link TrajectorySmoother}). Frames are shifted exactly by Fourier phase ramps. The aligned sum is built at full
 * resolution, optionally dose-weighted. Stateless and thread-safe; frames are processed in parallel on
 * the common pool.
 */
public final class MotionAligner {
    private static final double CONVERGED_PIXEL = 0.01;

    /**
     * @param frames the movie frames, all the same size, in acquisition order
     * @param pixelSizeAngstrom frame pixel size (Å)
     * @param options alignment settings
     * @throws IllegalArgumentException when there are no frames or their sizes differ
     */
    public MotionResult align(List<FloatImage> frames, double pixelSizeAngstrom, MotionOptions options) {
        checkFrames(frames);
        int bin = options.binning() > 0 ? options.binning()
                : autoBinning(frames.get(0).width(), frames.get(0).height(), pixelSizeAngstrom);
        double[][] raw = alignBinned(frames, bin, pixelSizeAngstrom * bin, options);
        double[][] shiftsBinned = TrajectorySmoother.smooth(raw[0], raw[1]);
        int n = frames.size();
        double[] xA = new double[n];
        double[] yA = new double[n];
        for (int i = 0; i < n; i++) {
            xA[i] = (shiftsBinned[0][i] - shiftsBinned[0][0]) * bin * pixelSizeAngstrom;
            yA[i] = (shiftsBinned[1][i] - shiftsBinned[1][0]) * bin * pixelSizeAngstrom;
        }
        FloatImage sum = AlignedSum.sum(frames, xA, yA, pixelSizeAngstrom, options);
        return DriftSummary.result(xA, yA, sum, pixelSizeAngstrom, options);
    }

    /** A binning that gives pixels of about 2 Å and at most 1024 px along the longer edge. */
    static int autoBinning(int width, int height, double pixelSizeAngstrom) {
        int bin = Math.max(1, (int) Math.round(2.0 / pixelSizeAngstrom));
        while (Math.max(width, height) / bin > 1024) {
            bin++;
        }
        return bin;
    }

    private static void checkFrames(List<FloatImage> frames) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("movie has no frames; nothing to align");
        }
        FloatImage first = frames.get(0);
        for (int i = 1; i < frames.size(); i++) {
            FloatImage f = frames.get(i);
            if (f.width() != first.width() || f.height() != first.height()) {
                throw new IllegalArgumentException("frame " + i + " is " + f.width() + "×" + f.height()
                        + " px but frame 0 is " + first.width() + "×" + first.height() + " px");
            }
        }
    }

    /** Shifts (binned px) of every frame: [0] = x, [1] = y, in an arbitrary common origin. */
    private static double[][] alignBinned(List<FloatImage> frames, int bin, double binnedPixelAngstrom,
            MotionOptions options) {
        int n = frames.size();
        FloatImage probe = Binning.average(frames.get(0), bin);
        int w = probe.width() & ~1;
        int h = probe.height() & ~1;
        float[][] spectra = new float[n][];
        IntStream.range(0, n).parallel().forEach(i -> spectra[i] =
                filtered(Binning.average(frames.get(i), bin), w, h, binnedPixelAngstrom, options.bFactorAngstrom2()));
        double[] sx = new double[n];
        double[] sy = new double[n];
        if (n == 1) {
            return new double[][] {sx, sy};
        }
        float[][] shifted = new float[n][];
        for (int round = 0; round < options.maxIterations(); round++) {
            IntStream.range(0, n).parallel().forEach(i -> {
                shifted[i] = spectra[i].clone();
                Fourier2D.shift(shifted[i], w, h, -sx[i], -sy[i]);
            });
            float[] total = new float[2 * w * h];
            for (float[] s : shifted) {
                for (int k = 0; k < total.length; k++) {
                    total[k] += s[k];
                }
            }
            double[][] residual = new double[n][];
            IntStream.range(0, n).parallel().forEach(i -> residual[i] = CrossCorrelationPeak.residualShift(shifted[i], total, w, h));
            double moved = 0;
            for (int i = 0; i < n; i++) {
                sx[i] += residual[i][0];
                sy[i] += residual[i][1];
                moved = Math.max(moved, Math.hypot(residual[i][0], residual[i][1]));
            }
            if (moved < CONVERGED_PIXEL) {
                break;
            }
        }
        return new double[][] {sx, sy};
    }

    /** Spectrum of the frame cropped to w×h, low-passed by exp(−B·k²/4), zero mean. */
    private static float[] filtered(FloatImage binned, int w, int h, double pixelAngstrom, double bFactor) {
        FloatImage cropped = binned;
        if (binned.width() != w || binned.height() != h) {
            float[] p = new float[w * h];
            for (int y = 0; y < h; y++) {
                System.arraycopy(binned.pixels(), y * binned.width(), p, y * w, w);
            }
            cropped = new FloatImage(w, h, p);
        }
        float[] s = Fourier2D.forward(cropped);
        for (int y = 0; y < h; y++) {
            double ky = Fourier2D.frequency(y, h) / pixelAngstrom;
            for (int x = 0; x < w; x++) {
                double kx = Fourier2D.frequency(x, w) / pixelAngstrom;
                float g = (float) Math.exp(-bFactor * (kx * kx + ky * ky) / 4);
                int i = 2 * (y * w + x);
                s[i] *= g;
                s[i + 1] *= g;
            }
        }
        s[0] = 0;
        s[1] = 0;
        return s;
    }
}
