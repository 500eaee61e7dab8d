package org.scopeflow.imaging.qc;

import java.util.List;
import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Sums frames after moving each back by its shift (Fourier phase ramp, exact sub-pixel), optionally
 * weighting each frequency of each frame by its exposure (Grant &amp; Grigorieff 2015 critical
 * exposure, Ne(k) = 0.245·k^−1.665 + 2.81 e⁻/Å²) and renormalising so the noise power stays that of
 * a plain sum. Two real frames share one complex FFT (a + i·b), split by Hermitian symmetry.
 * Stateless.
 */
final class AlignedSum {
    private AlignedSum() {}

    static FloatImage sum(List<FloatImage> frames, double[] xAngstrom, double[] yAngstrom, double pixelAngstrom,
            MotionOptions options) {
        int w = frames.get(0).width();
        int h = frames.get(0).height();
        int n = frames.size();
        float[] total = new float[2 * w * h];
        double[] weightSquares = options.doseWeighting() ? new double[w * h] : null;
        float[] z = new float[2 * w * h];
        for (int a = 0; a < n; a += 2) {
            int b = a + 1 < n ? a + 1 : -1;
            float[] pa = frames.get(a).pixels();
            float[] pb = b >= 0 ? frames.get(b).pixels() : null;
            for (int i = 0; i < pa.length; i++) {
                z[2 * i] = pa[i];
                z[2 * i + 1] = pb == null ? 0 : pb[i];
            }
            Fourier2D.forwardComplex(z, w, h);
            Ramp ra = new Ramp(w, h, xAngstrom[a] / pixelAngstrom, yAngstrom[a] / pixelAngstrom);
            Ramp rb = b >= 0 ? new Ramp(w, h, xAngstrom[b] / pixelAngstrom, yAngstrom[b] / pixelAngstrom) : null;
            double doseA = (a + 0.5) * options.dosePerFrameElectronPerAngstrom2();
            double doseB = (b + 0.5) * options.dosePerFrameElectronPerAngstrom2();
            accumulate(z, total, weightSquares, w, h, pixelAngstrom, ra, rb, doseA, doseB);
        }
        if (weightSquares != null) {
            for (int k = 0; k < weightSquares.length; k++) {
                float scale = (float) Math.sqrt(n / weightSquares[k]);
                total[2 * k] *= scale;
                total[2 * k + 1] *= scale;
            }
        }
        return Fourier2D.inverseReal(total, w, h);
    }

    /** Phase ramp moving an image back by (dx, dy) px: e^{+2πi(kx·dx + ky·dy)}, as separable tables. */
    private record Ramp(double[] cx, double[] sx, double[] cy, double[] sy) {
        Ramp(int w, int h, double dx, double dy) {
            this(new double[w], new double[w], new double[h], new double[h]);
            for (int x = 0; x < w; x++) {
                double p = 2 * Math.PI * Fourier2D.frequency(x, w) * dx;
                cx[x] = Math.cos(p);
                sx[x] = Math.sin(p);
            }
            for (int y = 0; y < h; y++) {
                double p = 2 * Math.PI * Fourier2D.frequency(y, h) * dy;
                cy[y] = Math.cos(p);
                sy[y] = Math.sin(p);
            }
        }
    }

    /** Splits Z = A + i·B into the two spectra, ramps and weights them, and adds them to the total. */
    private static void accumulate(float[] z, float[] total, double[] weightSquares, int w, int h, double pixelAngstrom,
            Ramp ra, Ramp rb, double doseA, double doseB) {
        for (int y = 0; y < h; y++) {
            int my = (h - y) % h;
            double ky = Fourier2D.frequency(y, h) / pixelAngstrom;
            for (int x = 0; x < w; x++) {
                int k = 2 * (y * w + x);
                int m = 2 * (my * w + (w - x) % w);
                double zr = z[k];
                double zi = z[k + 1];
                double mr = z[m];
                double mi = z[m + 1];
                double ar = 0.5 * (zr + mr);
                double ai = 0.5 * (zi - mi);
                double cr = ra.cx[x] * ra.cy[y] - ra.sx[x] * ra.sy[y];
                double ci = ra.sx[x] * ra.cy[y] + ra.cx[x] * ra.sy[y];
                double wa = 1;
                double wb = 1;
                if (weightSquares != null) {
                    double kx = Fourier2D.frequency(x, w) / pixelAngstrom;
                    double kk = Math.sqrt(kx * kx + ky * ky);
                    double critical = kk == 0 ? Double.POSITIVE_INFINITY : 0.245 * Math.pow(kk, -1.665) + 2.81;
                    wa = Math.exp(-doseA / (2 * critical));
                    wb = rb == null ? 0 : Math.exp(-doseB / (2 * critical));
                    weightSquares[k / 2] += wa * wa + wb * wb;
                }
                double sr = wa * (ar * cr - ai * ci);
                double si = wa * (ar * ci + ai * cr);
                if (rb != null) {
                    double br = 0.5 * (zi + mi);
                    double bi = -0.5 * (zr - mr);
                    double dr = rb.cx[x] * rb.cy[y] - rb.sx[x] * rb.sy[y];
                    double di = rb.sx[x] * rb.cy[y] + rb.cx[x] * rb.sy[y];
                    sr += wb * (br * dr - bi * di);
                    si += wb * (br * di + bi * dr);
                }
                total[k] += (float) sr;
                total[k + 1] += (float) si;
            }
        }
    }
}
