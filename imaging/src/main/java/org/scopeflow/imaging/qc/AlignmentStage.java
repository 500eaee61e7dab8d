package org.scopeflow.imaging.qc;

import java.util.Arrays;
import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.fourier.HalfSpectrum;

/**
 * One resolution of the frame alignment: every frame's spectrum cropped to {@code w × h} (Fourier
 * binning: the frame seen with pixels {@code frameWidth / w} times larger, without the aliasing of
 * block averaging) and low-passed by exp(−B·k²/4). Each round cross-correlates every frame with the
 * sum of all other frames in their current alignment (leaving the frame out keeps its own noise from
 * pulling the peak to zero) and moves the frame by the residual. Shifts are in frame pixels
 * throughout. Thread-safe while the frames' spectra do not change; frames are processed in parallel on
 * the common pool unless the stage is made sequential.
 */
final class AlignmentStage {
    private static final double CONVERGED_CROP_PIXEL = 0.01;
    /**
     * A stage that only refines (no map rounds) starts from the shifts of a converged coarser stage; its
     * first Newton round re-estimates every frame from the finer data, and the next round only follows
     * the reference moving with the other frames: measured on simulated 1024² movies, after first
     * rounds of 0.05–0.11 crop px the next moved ≤ 0.0096 crop px, and the drift error was no worse
     * without it (0.052 vs 0.058 px mean). So such a stage stops once no frame moved this far.
     */
    private static final double REFINED_CROP_PIXEL = 0.15;

    private final int w;
    private final int h;
    private final double scaleX;
    private final double scaleY;
    private final HalfSpectrum[] frames;
    private final float[] filterX;
    private final float[] filterY;
    private final boolean parallel;

    private AlignmentStage(int w, int h, HalfSpectrum[] frames, float[] filterX, float[] filterY, boolean parallel) {
        this.w = w;
        this.h = h;
        this.scaleX = (double) frames[0].width() / w;
        this.scaleY = (double) frames[0].height() / h;
        this.frames = frames;
        this.filterX = filterX;
        this.filterY = filterY;
        this.parallel = parallel;
    }

    /**
     * A stage on the frames' spectra cropped to {@code w × h} (even, at most the frame's size). The
     * crop is read on the fly from the full spectra (which must not change while the stage is used):
     * rows and columns above the crop's Nyquist frequency are left out, its Nyquist row and column and
     * the DC term are zero.
     *
     * @param pixelAngstrom frame pixel size (Å)
     * @param bFactor low-pass B-factor (Å²)
     * @param parallel whether rounds spread the frames over the common pool
     */
    static AlignmentStage crop(HalfSpectrum[] frames, int w, int h, double pixelAngstrom, double bFactor,
            boolean parallel) {
        int fw = frames[0].width();
        int fh = frames[0].height();
        float[] gx = new float[w / 2 + 1];
        for (int x = 0; x < gx.length - 1; x++) {
            double k = x / (fw * pixelAngstrom);
            gx[x] = (float) Math.exp(-bFactor * k * k / 4);
        }
        float[] gy = new float[h];
        for (int y = 0; y < h; y++) {
            double k = Fourier2D.frequency(y, h) * h / (fh * pixelAngstrom);
            gy[y] = y == h / 2 ? 0f : (float) Math.exp(-bFactor * k * k / 4);
        }
        return new AlignmentStage(w, h, frames, gx, gy, parallel);
    }

    /**
     * Refines the shifts (frame px, any common origin) in place: up to {@code maxRounds} rounds, the
     * first {@code fullRounds} searching the whole cross-correlation map (large shifts), later ones by
     * Newton steps from the spectra, falling back to the map when a step is not small; stops when no
     * frame moves more than 0.01 crop pixel, or, in a stage of Newton rounds only (a refinement of
     * shifts a coarser stage found), more than {@link #REFINED_CROP_PIXEL}.
     */
    void refine(double[] sx, double[] sy, int fullRounds, int maxRounds) {
        int n = frames.length;
        if (n == 1) {
            return;
        }
        int size = (w / 2 + 1) * h;
        float[][] re = new float[n][size];
        float[][] im = new float[n][size];
        float[] totalRe = new float[size];
        float[] totalIm = new float[size];
        double converged = fullRounds == 0 ? REFINED_CROP_PIXEL : CONVERGED_CROP_PIXEL;
        for (int round = 0; round < maxRounds; round++) {
            MotionAligner.indices(0, n, parallel).forEach(i -> moveBack(frames[i], re[i], im[i], sx[i], sy[i]));
            sum(re, totalRe, im, totalIm, parallel);
            boolean coarse = round < fullRounds;
            double[][] residual = new double[n][];
            MotionAligner.indices(0, n, parallel).forEach(i -> residual[i] = residual(re[i], im[i], totalRe, totalIm, coarse));
            double moved = 0;
            for (int i = 0; i < n; i++) {
                sx[i] += residual[i][0];
                sy[i] += residual[i][1];
                moved = Math.max(moved, Math.hypot(residual[i][0] / scaleX, residual[i][1] / scaleY));
            }
            if (moved < converged) {
                break;
            }
        }
    }

    private double[] residual(float[] re, float[] im, float[] totalRe, float[] totalIm, boolean coarse) {
        if (!coarse) {
            double[] step = CrossCorrelationPeak.newtonShift(re, im, totalRe, totalIm, w, h, scaleX, scaleY);
            if (step != null && Math.hypot(step[0] / scaleX, step[1] / scaleY) < 0.5) {
                return step;
            }
        }
        return CrossCorrelationPeak.residualShift(re, im, totalRe, totalIm, w, h, scaleX, scaleY);
    }

    /**
     * The filtered crop of the frame times e^{+2πi(fx·sx + fy·sy)} (f in cycles per frame px): the frame
     * moved back by its shift.
     */
    private void moveBack(HalfSpectrum frame, float[] re, float[] im, double sx, double sy) {
        int cols = w / 2 + 1;
        float[] cx = new float[cols];
        float[] sxTable = new float[cols];
        for (int x = 0; x < cols; x++) {
            double a = 2 * Math.PI * x / (w * scaleX) * sx;
            cx[x] = (float) Math.cos(a) * filterX[x];
            sxTable[x] = (float) Math.sin(a) * filterX[x];
        }
        float[] fre = frame.re();
        float[] fim = frame.im();
        int fcols = frame.columns();
        // Rows go through copies indexed like the tables: JDK 17 vectorises a loop only when all its
        // arrays are indexed alike.
        float[] inRe = new float[cols];
        float[] inIm = new float[cols];
        float[] outRe = new float[cols];
        float[] outIm = new float[cols];
        for (int y = 0; y < h; y++) {
            double b = 2 * Math.PI * Fourier2D.frequency(y, h) / scaleY * sy;
            float cy = (float) Math.cos(b) * filterY[y];
            float sny = (float) Math.sin(b) * filterY[y];
            int row = y * cols;
            int src = (y < h / 2 ? y : frame.height() - (h - y)) * fcols;
            System.arraycopy(fre, src, inRe, 0, cols);
            System.arraycopy(fim, src, inIm, 0, cols);
            for (int x = 0; x < cols; x++) {
                float c = cx[x] * cy - sxTable[x] * sny;
                float s = sxTable[x] * cy + cx[x] * sny;
                float r = inRe[x];
                float i = inIm[x];
                outRe[x] = r * c - i * s;
                outIm[x] = r * s + i * c;
            }
            System.arraycopy(outRe, 0, re, row, cols);
            System.arraycopy(outIm, 0, im, row, cols);
        }
        re[0] = 0;
        im[0] = 0;
    }

    /** Element-wise sums of all frames, in chunks spread over the common pool. */
    private static void sum(float[][] re, float[] totalRe, float[][] im, float[] totalIm, boolean parallel) {
        int size = totalRe.length;
        int chunks = 8;
        MotionAligner.indices(0, chunks, parallel).forEach(c -> {
            int from = (int) ((long) size * c / chunks);
            int to = (int) ((long) size * (c + 1) / chunks);
            Arrays.fill(totalRe, from, to, 0f);
            Arrays.fill(totalIm, from, to, 0f);
            for (int i = 0; i < re.length; i++) {
                float[] r = re[i];
                float[] m = im[i];
                for (int k = from; k < to; k++) {
                    totalRe[k] += r[k];
                    totalIm[k] += m[k];
                }
            }
        });
    }
}
