package org.scopeflow.imaging.qc;

import java.util.List;
import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Sums frames after moving each back by its shift (Fourier phase ramp, exact sub-pixel), optionally
 * weighting each frequency of each frame by its exposure (Grant &amp; Grigorieff 2015 critical
 * exposure, Ne(k) = 0.245·k^−1.665 + 2.81 e⁻/Å²) and renormalising so the noise power stays that of
 * a plain sum. Stateless.
 */
final class AlignedSum {
    private AlignedSum() {}

    static FloatImage sum(List<FloatImage> frames, double[] xAngstrom, double[] yAngstrom, double pixelAngstrom,
            MotionOptions options) {
        int w = frames.get(0).width();
        int h = frames.get(0).height();
        float[] total = new float[2 * w * h];
        double[] weightSquares = options.doseWeighting() ? new double[w * h] : null;
        for (int i = 0; i < frames.size(); i++) {
            float[] s = Fourier2D.forward(frames.get(i));
            Fourier2D.shift(s, w, h, -xAngstrom[i] / pixelAngstrom, -yAngstrom[i] / pixelAngstrom);
            if (weightSquares != null) {
                double dose = (i + 0.5) * options.dosePerFrameElectronPerAngstrom2();
                addWeighted(total, s, weightSquares, w, h, pixelAngstrom, dose);
            } else {
                for (int k = 0; k < total.length; k++) {
                    total[k] += s[k];
                }
            }
        }
        if (weightSquares != null) {
            int n = frames.size();
            for (int k = 0; k < weightSquares.length; k++) {
                float scale = (float) Math.sqrt(n / weightSquares[k]);
                total[2 * k] *= scale;
                total[2 * k + 1] *= scale;
            }
        }
        return Fourier2D.inverseReal(total, w, h);
    }

    private static void addWeighted(float[] total, float[] s, double[] weightSquares, int w, int h,
            double pixelAngstrom, double doseElectronPerAngstrom2) {
        for (int y = 0; y < h; y++) {
            double ky = Fourier2D.frequency(y, h) / pixelAngstrom;
            for (int x = 0; x < w; x++) {
                double kx = Fourier2D.frequency(x, w) / pixelAngstrom;
                double k = Math.sqrt(kx * kx + ky * ky);
                double critical = k == 0 ? Double.POSITIVE_INFINITY : 0.245 * Math.pow(k, -1.665) + 2.81;
                double weight = Math.exp(-doseElectronPerAngstrom2 / (2 * critical));
                int p = y * w + x;
                weightSquares[p] += weight * weight;
                total[2 * p] += (float) (weight * s[2 * p]);
                total[2 * p + 1] += (float) (weight * s[2 * p + 1]);
            }
        }
    }
}
