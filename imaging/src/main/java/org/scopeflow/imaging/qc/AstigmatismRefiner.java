package org.scopeflow.imaging.qc;

import org.scopeflow.imaging.ctf.CtfParameters;

/**
 * The 2-D stage of CTF estimation around one starting mean defocus: the spectrum normalised by the
 * background, (P − B)/B, correlated with −cos 2(χ + α) (CTF² up to an affine map) over the pixels whose
 * rings are resolved. Parameters: mean defocus m, and the astigmatism as (a·cos 2θ, a·sin 2θ), which
 * keeps the search smooth when a → 0. One thread.
 */
final class AstigmatismRefiner {
    private static final double[] HALF_ASTIGMATISM_GRID_ANGSTROM = {150, 300, 500};
    private static final int ANGLES = 8;

    /** A refined fit: Δf(θ) = m + ax·cos 2θ + ay·sin 2θ. */
    record Result(double meanAngstrom, double ax, double ay, double score) {
        double halfAstigmatismAngstrom() {
            return Math.hypot(ax, ay);
        }

        CtfParameters toParameters(CtfSearch search) {
            double a = halfAstigmatismAngstrom();
            double angle = Math.toDegrees(0.5 * Math.atan2(ay, ax));
            return new CtfParameters(search.voltageKilovolt(), search.sphericalAberrationMillimeter(),
                    search.amplitudeContrast(), meanAngstrom + a, meanAngstrom - a, angle, 0);
        }
    }

    private final int count;
    private final float[] normalized;
    private final float[] a1;
    private final float[] a2;
    private final float[] cos2;
    private final float[] sin2;
    private final double startAngstrom;

    AstigmatismRefiner(SpectrumPixels pixels, DefocusScan scan, CtfOptics optics, double startAngstrom) {
        this.startAngstrom = startAngstrom;
        double rLimit = scan.fitRadiusLimit(startAngstrom + 700);
        this.count = pixels.countWithin(rLimit);
        this.normalized = new float[count];
        this.a1 = new float[count];
        this.a2 = new float[count];
        double l = optics.wavelengthAngstrom();
        for (int i = 0; i < count; i++) {
            double q = (double) pixels.radius[i] * pixels.radius[i];
            double bg = scan.background(q, startAngstrom);
            normalized[i] = (float) ((pixels.value[i] - bg) / bg);
            double k2 = pixels.k2[i];
            a1[i] = (float) (Math.PI * l * k2);
            a2[i] = (float) (0.5 * Math.PI * optics.csAngstrom() * l * l * l * k2 * k2
                    - optics.amplitudePhaseRadian() - optics.phaseShiftRadian());
        }
        this.cos2 = pixels.cos2;
        this.sin2 = pixels.sin2;
    }

    Result refine() {
        double[] best = {startAngstrom, 0, 0};
        double bestScore = score(best);
        for (double a : HALF_ASTIGMATISM_GRID_ANGSTROM) {
            for (int i = 0; i < ANGLES; i++) {
                double twoTheta = 2 * Math.PI * i / ANGLES;
                double[] p = {startAngstrom, a * Math.cos(twoTheta), a * Math.sin(twoTheta)};
                double s = score(p);
                if (s > bestScore) {
                    bestScore = s;
                    best = p;
                }
            }
        }
        double step = Math.max(50, 0.01 * startAngstrom);
        double[] refined = NelderMead.minimise(p -> -score(p), best, new double[] {step, 80, 80}, 0.02, 400);
        return new Result(refined[0], refined[1], refined[2], score(refined));
    }

    /** Pearson correlation of the normalised spectrum with −cos 2(χ + α). */
    double score(double[] p) {
        double m = p[0];
        double ax = p[1];
        double ay = p[2];
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < count; i++) {
            double defocus = m + ax * cos2[i] + ay * sin2[i];
            double y = -Math.cos(2 * (a1[i] * defocus - a2[i]));
            double x = normalized[i];
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double cov = sxy - sx * sy / count;
        double var = (sxx - sx * sx / count) * (syy - sy * sy / count);
        return var > 0 ? cov / Math.sqrt(var) : -1;
    }
}
