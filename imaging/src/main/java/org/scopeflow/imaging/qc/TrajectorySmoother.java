package org.scopeflow.imaging.qc;

/**
 * Smooths a per-frame shift track with a Whittaker–Henderson smoother (least squares with a penalty
 * λ·Σ(second difference)², i.e. on changes of velocity), with λ chosen by generalised cross-validation
 * from the data themselves: a track whose frame-to-frame scatter is noise is smoothed, a sharp real
 * turn is kept. Drift of a specimen is smooth in time, so this removes estimation noise, not motion.
 * Stateless.
 */
final class TrajectorySmoother {
    private static final double[] LAMBDAS = {0, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000};

    private TrajectorySmoother() {}

    /** Smoothed copies of x and y (same λ for both); tracks shorter than 4 frames are returned as is. */
    static double[][] smooth(double[] x, double[] y) {
        int n = x.length;
        if (n < 4) {
            return new double[][] {x.clone(), y.clone()};
        }
        double bestGcv = Double.POSITIVE_INFINITY;
        double[][] best = {x.clone(), y.clone()};
        for (double lambda : LAMBDAS) {
            double[][] hat = hatMatrix(n, lambda);
            double[] sx = multiply(hat, x);
            double[] sy = multiply(hat, y);
            double rss = 0;
            double trace = 0;
            for (int i = 0; i < n; i++) {
                rss += sq(x[i] - sx[i]) + sq(y[i] - sy[i]);
                trace += hat[i][i];
            }
            double gcv = n * rss / sq(n - trace);
            if (gcv < bestGcv) {
                bestGcv = gcv;
                best = new double[][] {sx, sy};
            }
        }
        return best;
    }

    /** H = (I + λ·DᵀD)⁻¹ with D the second-difference operator. */
    private static double[][] hatMatrix(int n, double lambda) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
        }
        for (int r = 0; r + 2 < n; r++) {
            int[] idx = {r, r + 1, r + 2};
            double[] d = {1, -2, 1};
            for (int p = 0; p < 3; p++) {
                for (int q = 0; q < 3; q++) {
                    a[idx[p]][idx[q]] += lambda * d[p] * d[q];
                }
            }
        }
        return invert(a);
    }

    /** Gauss–Jordan inverse of a symmetric positive-definite matrix. */
    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            double pivot = m[c][c];
            for (int j = 0; j < 2 * n; j++) {
                m[c][j] /= pivot;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int j = 0; j < 2 * n; j++) {
                        m[r][j] -= f * m[c][j];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, inv[i], 0, n);
        }
        return inv;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += m[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double sq(double v) {
        return v * v;
    }
}
