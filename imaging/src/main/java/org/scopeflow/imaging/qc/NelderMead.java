package org.scopeflow.imaging.qc;

import java.util.function.ToDoubleFunction;

/** Minimises a function by the Nelder–Mead simplex method. Stateless. */
final class NelderMead {
    private NelderMead() {}

    /**
     * @param f the function to minimise
     * @param start the starting point
     * @param steps initial simplex edge per coordinate
     * @param tolerance stop when every vertex lies within this distance (per coordinate, in steps units)
     * @param maxEvaluations hard limit on evaluations
     * @return the best point found
     */
    static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double[] steps, double tolerance,
            int maxEvaluations) {
        int n = start.length;
        double[][] p = new double[n + 1][];
        double[] v = new double[n + 1];
        p[0] = start.clone();
        v[0] = f.applyAsDouble(p[0]);
        for (int i = 0; i < n; i++) {
            p[i + 1] = start.clone();
            p[i + 1][i] += steps[i];
            v[i + 1] = f.applyAsDouble(p[i + 1]);
        }
        int evaluations = n + 1;
        while (evaluations < maxEvaluations) {
            sort(p, v);
            if (spread(p, steps) < tolerance) {
                break;
            }
            double[] centroid = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += p[i][j] / n;
                }
            }
            double[] reflected = along(centroid, p[n], -1);
            double vr = f.applyAsDouble(reflected);
            evaluations++;
            if (vr < v[0]) {
                double[] expanded = along(centroid, p[n], -2);
                double ve = f.applyAsDouble(expanded);
                evaluations++;
                replaceWorst(p, v, ve < vr ? expanded : reflected, Math.min(ve, vr));
            } else if (vr < v[n - 1]) {
                replaceWorst(p, v, reflected, vr);
            } else {
                double[] contracted = along(centroid, p[n], 0.5);
                double vc = f.applyAsDouble(contracted);
                evaluations++;
                if (vc < v[n]) {
                    replaceWorst(p, v, contracted, vc);
                } else {
                    for (int i = 1; i <= n; i++) {
                        p[i] = along(p[0], p[i], 0.5);
                        v[i] = f.applyAsDouble(p[i]);
                    }
                    evaluations += n;
                }
            }
        }
        sort(p, v);
        return p[0];
    }

    /** centroid + t·(worst − centroid). */
    private static double[] along(double[] centroid, double[] worst, double t) {
        double[] out = new double[centroid.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = centroid[j] + t * (worst[j] - centroid[j]);
        }
        return out;
    }

    private static void replaceWorst(double[][] p, double[] v, double[] point, double value) {
        p[p.length - 1] = point;
        v[v.length - 1] = value;
    }

    private static double spread(double[][] p, double[] steps) {
        double max = 0;
        for (int i = 1; i < p.length; i++) {
            for (int j = 0; j < steps.length; j++) {
                max = Math.max(max, Math.abs(p[i][j] - p[0][j]) / steps[j]);
            }
        }
        return max;
    }

    private static void sort(double[][] p, double[] v) {
        for (int i = 1; i < v.length; i++) {
            for (int j = i; j > 0 && v[j] < v[j - 1]; j--) {
                double tv = v[j];
                v[j] = v[j - 1];
                v[j - 1] = tv;
                double[] tp = p[j];
                p[j] = p[j - 1];
                p[j - 1] = tp;
            }
        }
    }
}
