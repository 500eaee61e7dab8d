package org.scopeflow.imaging.qc;

import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.image.FloatImage;

/** Finds how far a frame is displaced from a reference by the peak of their cross-correlation. Stateless. */
final class CrossCorrelationPeak {
    private CrossCorrelationPeak() {}

    /**
     * The displacement (px) of the frame relative to the reference made of {@code total} minus the frame
     * itself: if the frame equals the reference moved by d, the result is d.
     *
     * @param frame the frame's spectrum
     * @param total the spectrum of the sum of all frames, including this one
     */
    static double[] residualShift(float[] frame, float[] total, int w, int h) {
        float[] cc = new float[frame.length];
        for (int k = 0; k < cc.length; k += 2) {
            float ar = frame[k];
            float ai = frame[k + 1];
            float br = total[k] - ar;
            float bi = total[k + 1] - ai;
            cc[k] = ar * br + ai * bi;
            cc[k + 1] = ar * bi - ai * br;
        }
        FloatImage map = Fourier2D.inverseReal(cc, w, h);
        double[] peak = peak(map, w / 4, h / 4);
        return new double[] {-peak[0], -peak[1]};
    }

    /** Sub-pixel position of the maximum of a circular map within ±rx, ±ry of the origin. */
    static double[] peak(FloatImage map, int rx, int ry) {
        int w = map.width();
        int h = map.height();
        int bx = 0;
        int by = 0;
        float best = Float.NEGATIVE_INFINITY;
        for (int dy = -ry; dy <= ry; dy++) {
            for (int dx = -rx; dx <= rx; dx++) {
                float v = map.get(Math.floorMod(dx, w), Math.floorMod(dy, h));
                if (v > best) {
                    best = v;
                    bx = dx;
                    by = dy;
                }
            }
        }
        double fx = parabola(map.get(Math.floorMod(bx - 1, w), Math.floorMod(by, h)), best,
                map.get(Math.floorMod(bx + 1, w), Math.floorMod(by, h)));
        double fy = parabola(map.get(Math.floorMod(bx, w), Math.floorMod(by - 1, h)), best,
                map.get(Math.floorMod(bx, w), Math.floorMod(by + 1, h)));
        return new double[] {bx + fx, by + fy};
    }

    /** Vertex offset in [−0.5, 0.5] of the parabola through (−1, a), (0, b), (1, c). */
    private static double parabola(double a, double b, double c) {
        double d = a - 2 * b + c;
        if (d >= 0) {
            return 0;
        }
        return Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / d));
    }
}
