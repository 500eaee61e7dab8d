package org.scopeflow.imaging.qc;

/**
 * How far out the Thon rings follow a fit: the spectrum is cut into shells between consecutive zeros
 * of the fitted CTF; walking outward, the fit resolution is the outer edge of the last shell before two
 * consecutive shells whose correlation with CTF² is not significant (below max(0.1, 3/√n)). Capped where
 * rings become too dense to resolve and at Nyquist.
 */
final class FitResolution {
    private FitResolution() {}

    static double estimate(SpectrumPixels pixels, DefocusScan scan, CtfOptics optics, AstigmatismRefiner.Result fit) {
        double maxDefocus = fit.meanAngstrom() + fit.halfAstigmatismAngstrom();
        double rCap = Math.min(pixels.size / 2.0 - 1, scan.periodQ(maxDefocus) / (2 * DefocusScan.MIN_RING_PERIOD_PIXEL));
        int shells = 512;
        double[][] sums = new double[shells][6];
        double[] kMax = new double[shells];
        int firstShell = Integer.MAX_VALUE;
        for (int i = 0; i < pixels.count && pixels.radius[i] <= rCap; i++) {
            double q = (double) pixels.radius[i] * pixels.radius[i];
            double bg = scan.background(q, fit.meanAngstrom());
            double defocus = fit.meanAngstrom() + fit.ax() * pixels.cos2[i] + fit.ay() * pixels.sin2[i];
            double phase = optics.phase(pixels.k2[i], defocus);
            int shell = (int) Math.floor(phase / Math.PI);
            if (shell < 0 || shell >= shells) {
                continue;
            }
            firstShell = Math.min(firstShell, shell);
            double x = (pixels.value[i] - bg) / bg;
            double y = -Math.cos(2 * phase);
            double[] s = sums[shell];
            s[0] += x;
            s[1] += y;
            s[2] += x * x;
            s[3] += y * y;
            s[4] += x * y;
            s[5]++;
            kMax[shell] = Math.max(kMax[shell], Math.sqrt(pixels.k2[i]));
        }
        double lastGoodK = firstShell < shells ? kMax[firstShell] : 1 / (pixels.size * pixels.pixelSizeAngstrom);
        int bad = 0;
        for (int shell = firstShell; shell < shells && bad < 2; shell++) {
            double[] s = sums[shell];
            if (s[5] < 8) {
                continue;
            }
            double n = s[5];
            double cov = s[4] - s[0] * s[1] / n;
            double var = (s[2] - s[0] * s[0] / n) * (s[3] - s[1] * s[1] / n);
            double corr = var > 0 ? cov / Math.sqrt(var) : 0;
            if (corr >= Math.max(0.1, 3 / Math.sqrt(n))) {
                lastGoodK = kMax[shell];
                bad = 0;
            } else {
                bad++;
            }
        }
        return 1 / lastGoodK;
    }
}
