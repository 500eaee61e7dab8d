package org.scopeflow.imaging.qc;

import org.scopeflow.imaging.image.FloatImage;

/**
 * Turns per-frame shifts into the drift figures of a {@link MotionResult}. Stateless. Public for
 * {@link #earlySteps}, so that adapters of other motion-correction tools count early drift the same way.
 */
public final class DriftSummary {
    private DriftSummary() {}

    static MotionResult result(double[] xA, double[] yA, FloatImage sum, double pixelAngstrom, MotionOptions options) {
        int n = xA.length;
        int earlySteps = earlySteps(n, options.dosePerFrameElectronPerAngstrom2());
        double total = 0;
        double early = 0;
        double maxStep = 0;
        for (int j = 1; j < n; j++) {
            double step = Math.hypot(xA[j] - xA[j - 1], yA[j] - yA[j - 1]);
            total += step;
            if (j <= earlySteps) {
                early += step;
            }
            maxStep = Math.max(maxStep, step);
        }
        return new MotionResult(xA, yA, total, early, total - early, maxStep, sum, pixelAngstrom);
    }

    /** Steps (frame j−1 → j) counted as early: those starting before 4 e⁻/Å², or the first quarter. */
    public static int earlySteps(int frames, double dosePerFrame) {
        if (frames < 2) {
            return 0;
        }
        if (dosePerFrame <= 0) {
            return Math.max(1, (int) Math.ceil((frames - 1) / 4.0));
        }
        int steps = 0;
        while (steps + 1 < frames && steps * dosePerFrame < MotionOptions.EARLY_DOSE_ELECTRON_PER_ANGSTROM2) {
            steps++;
        }
        return Math.max(1, steps);
    }
}
