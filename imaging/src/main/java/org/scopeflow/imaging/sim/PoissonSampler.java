package org.scopeflow.imaging.sim;

import java.util.SplittableRandom;

/**
 * Draws Poisson-distributed counts: sequential inversion for small means, Hörmann's PTRS
 * transformed rejection for means ≥ 10. Exact for every mean; not thread-safe (holds its generator).
 */
public final class PoissonSampler {
    private static final double[] LOG_FACTORIAL = new double[256];

    static {
        for (int k = 1; k < LOG_FACTORIAL.length; k++) {
            LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);
        }
    }

    private final SplittableRandom random;

    public PoissonSampler(SplittableRandom random) {
        this.random = random;
    }

    /** A Poisson count of the given mean (a mean ≤ 0 gives 0). */
    public int sample(double mean) {
        if (!(mean > 0)) {
            return 0;
        }
        return mean < 10 ? inversion(mean) : ptrs(mean);
    }

    private int inversion(double mean) {
        double p = Math.exp(-mean);
        double cumulative = p;
        double u = random.nextDouble();
        int k = 0;
        while (u > cumulative && k < 1000) {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    private int ptrs(double mean) {
        double sqrtMean = Math.sqrt(mean);
        double logMean = Math.log(mean);
        double b = 0.931 + 2.53 * sqrtMean;
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = random.nextDouble() - 0.5;
            double v = random.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return (int) k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            double lhs = Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b);
            if (lhs <= -mean + k * logMean - logFactorial(k)) {
                return (int) k;
            }
        }
    }

    static double logFactorial(long k) {
        if (k < LOG_FACTORIAL.length) {
            return LOG_FACTORIAL[(int) k];
        }
        double x = k + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }
}
