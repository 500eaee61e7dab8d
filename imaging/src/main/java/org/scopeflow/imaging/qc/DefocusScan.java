package org.scopeflow.imaging.qc;

import java.util.ArrayList;
import java.util.List;

/**
 * The 1-D stage of CTF estimation, on the rotationally averaged spectrum resampled uniformly in k²
 * (where defocus rings are evenly spaced). For every trial defocus the background is a moving average
 * over exactly one ring period of that defocus — which cancels the rings and keeps the smooth part — and
 * the same operator is applied to the model, so the correlation of data and model is unbiased.
 * Stateless after construction; one thread.
 */
final class DefocusScan {
    private static final int GRID = 2048;
    /** Rings must be at least this many spectrum pixels apart to be resolved. */
    static final double MIN_RING_PERIOD_PIXEL = 3;

    private final CtfOptics optics;
    private final double qLo;
    private final double dq;
    private final double qFitMin;
    private final double rFitMax;
    private final double[] profile;
    private final double[] profilePrefix;

    /**
     * @param radialProfile mean spectrum per integer radius (NaN where empty)
     * @param rMinPixel low-resolution limit of the fit (spectrum px)
     * @param rMaxPixel high-resolution limit of the fit (spectrum px)
     */
    DefocusScan(double[] radialProfile, CtfOptics optics, double rMinPixel, double rMaxPixel) {
        this.optics = optics;
        int rTop = radialProfile.length - 2;
        this.qLo = Math.max(1, Math.floor(rMinPixel) - 2) * Math.max(1, Math.floor(rMinPixel) - 2);
        this.dq = ((double) rTop * rTop - qLo) / (GRID - 1);
        this.qFitMin = rMinPixel * rMinPixel;
        this.rFitMax = rMaxPixel;
        this.profile = new double[GRID];
        for (int j = 0; j < GRID; j++) {
            profile[j] = interpolate(radialProfile, Math.sqrt(q(j)));
        }
        this.profilePrefix = prefix(profile);
    }

    private double q(int j) {
        return qLo + j * dq;
    }

    /** Ring period in q (px²) for a defocus, ignoring Cs. */
    double periodQ(double defocusAngstrom) {
        double side = optics.sizePixel() * optics.pixelSizeAngstrom();
        return side * side / (optics.wavelengthAngstrom() * defocusAngstrom);
    }

    /** Highest radius (px) at which rings of this defocus are resolved and within the fit limit. */
    double fitRadiusLimit(double defocusAngstrom) {
        return Math.min(rFitMax, periodQ(defocusAngstrom) / (2 * MIN_RING_PERIOD_PIXEL));
    }

    /** Smooth background (moving average over one ring period of {@code defocusAngstrom}) at radius² q. */
    double background(double qPixel2, double defocusAngstrom) {
        int h = halfWindow(defocusAngstrom);
        int j = (int) Math.round((qPixel2 - qLo) / dq);
        j = Math.max(0, Math.min(GRID - 1, j));
        return windowMean(profilePrefix, j, h);
    }

    /** Mean defocus values (Å) at the best local maxima of the 1-D score, best first, at most {@code limit}. */
    List<Double> bestDefocus(double minAngstrom, double maxAngstrom, int limit) {
        int steps = (int) Math.ceil(Math.log(maxAngstrom / minAngstrom) / Math.log(1.004));
        double[] defocus = new double[steps + 1];
        double[] score = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            defocus[i] = minAngstrom * Math.pow(1.004, i);
            score[i] = score(defocus[i]);
        }
        List<Integer> peaks = new ArrayList<>();
        for (int i = 0; i <= steps; i++) {
            boolean left = i == 0 || score[i] >= score[i - 1];
            boolean right = i == steps || score[i] >= score[i + 1];
            if (left && right && Double.isFinite(score[i])) {
                peaks.add(i);
            }
        }
        peaks.sort((a, b) -> Double.compare(score[b], score[a]));
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, peaks.size()); i++) {
            out.add(defocus[peaks.get(i)]);
        }
        return out;
    }

    /** Correlation of the detrended profile with the equally detrended CTF² for one defocus. */
    double score(double defocusAngstrom) {
        int h = halfWindow(defocusAngstrom);
        double rLimit = fitRadiusLimit(defocusAngstrom);
        int j0 = (int) Math.ceil((qFitMin - qLo) / dq);
        int j1 = Math.min(GRID - 1, (int) Math.floor((rLimit * rLimit - qLo) / dq));
        if ((j1 - j0) * dq < 2 * periodQ(defocusAngstrom)) {
            return Double.NaN;
        }
        double[] model = new double[GRID];
        for (int j = 0; j < GRID; j++) {
            model[j] = optics.ctfSquared(q(j), defocusAngstrom);
        }
        double[] modelPrefix = prefix(model);
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int j = j0; j <= j1; j++) {
            double bg = windowMean(profilePrefix, j, h);
            double x = (profile[j] - bg) / bg;
            double y = model[j] - windowMean(modelPrefix, j, h);
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
            n++;
        }
        double cov = sxy - sx * sy / n;
        double var = (sxx - sx * sx / n) * (syy - sy * sy / n);
        return var > 0 ? cov / Math.sqrt(var) : Double.NaN;
    }

    private int halfWindow(double defocusAngstrom) {
        return Math.max(1, (int) Math.round(periodQ(defocusAngstrom) / (2 * dq)));
    }

    private static double windowMean(double[] prefix, int j, int h) {
        int lo = Math.max(0, j - h);
        int hi = Math.min(prefix.length - 1, j + h + 1);
        return (prefix[hi] - prefix[lo]) / (hi - lo);
    }

    private static double[] prefix(double[] values) {
        double[] p = new double[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            p[i + 1] = p[i] + values[i];
        }
        return p;
    }

    private static double interpolate(double[] profile, double r) {
        int i = (int) Math.floor(r);
        double t = r - i;
        double a = valueNear(profile, i);
        double b = valueNear(profile, i + 1);
        return a + t * (b - a);
    }

    private static double valueNear(double[] profile, int i) {
        int clamped = Math.max(0, Math.min(profile.length - 1, i));
        for (int d = 0; d < profile.length; d++) {
            if (clamped + d < profile.length && !Double.isNaN(profile[clamped + d])) {
                return profile[clamped + d];
            }
            if (clamped - d >= 0 && !Double.isNaN(profile[clamped - d])) {
                return profile[clamped - d];
            }
        }
        return 0;
    }
}
