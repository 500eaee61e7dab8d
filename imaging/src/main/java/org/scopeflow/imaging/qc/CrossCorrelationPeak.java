package org.scopeflow.imaging.qc;

import org.scopeflow.imaging.fourier.Fourier2D;
import org.scopeflow.imaging.fourier.HalfSpectrum;
import org.scopeflow.imaging.fourier.RealFft2D;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Finds how far a frame is displaced from a reference by the peak of their cross-correlation. Works on
 * half spectra that may be Fourier crops of the frames: {@code pixelScaleX} (and Y) is the number of
 * frame pixels per pixel of the crop, and every shift is returned in frame pixels. Stateless.
 */
final class CrossCorrelationPeak {
    private CrossCorrelationPeak() {}

    /**
     * The displacement (frame px) of the frame relative to the reference made of {@code total} minus
     * the frame itself: if the frame equals the reference moved by d, the result is d.
     *
     * @param frame the frame's half spectrum (re, im)
     * @param total the half spectrum of the sum of all frames, including this one
     */
    static double[] residualShift(float[] frameRe, float[] frameIm, float[] totalRe, float[] totalIm, int w, int h,
            double pixelScaleX, double pixelScaleY) {
        HalfSpectrum cc = HalfSpectrum.zeros(w, h);
        float[] re = cc.re();
        float[] im = cc.im();
        for (int k = 0; k < re.length; k++) {
            float ar = frameRe[k];
            float ai = frameIm[k];
            float br = totalRe[k] - ar;
            float bi = totalIm[k] - ai;
            re[k] = ar * br + ai * bi;
            im[k] = ar * bi - ai * br;
        }
        FloatImage map = new FloatImage(w, h, RealFft2D.inverse(cc));
        double[] peak = peak(map, w / 4, h / 4);
        return new double[] {-peak[0] * pixelScaleX, -peak[1] * pixelScaleY};
    }

    /**
     * The same residual displacement as {@link #residualShift} when it is small (well under a pixel),
     * from one Newton step on the cross-correlation at zero shift, computed directly from the spectra
     * (gradient −2π·Σk·Im P, Hessian −4π²·Σk kᵀ·Re P with P = conj(frame)·(total − frame), the sums over
     * the full spectrum, i.e. interior columns of the half spectrum counted twice) — no inverse FFT.
     * Returns null when the Hessian is not negative definite (not near a maximum).
     */
    static double[] newtonShift(float[] frameRe, float[] frameIm, float[] totalRe, float[] totalIm, int w, int h,
            double pixelScaleX, double pixelScaleY) {
        int cols = w / 2 + 1;
        // Sums over the rows first, per column (element-wise over a row, which the JIT vectorises; a
        // running sum over x would not be): Re P, ky·Re P, ky²·Re P, Im P, ky·Im P. At most a few hundred
        // float terms each; the sums over the columns that weight them by kx are in double. Each row is
        // copied first: JDK 17 vectorises the loop only when every array in it is indexed alike (measured
        // 1.9× faster with the copies than reading at row + x).
        float[] re = new float[cols];
        float[] kyRe = new float[cols];
        float[] ky2Re = new float[cols];
        float[] im = new float[cols];
        float[] kyIm = new float[cols];
        float[] fr = new float[cols];
        float[] fi = new float[cols];
        float[] tr = new float[cols];
        float[] ti = new float[cols];
        for (int y = 0; y < h; y++) {
            float ky = (float) (Fourier2D.frequency(y, h) / pixelScaleY);
            float ky2 = ky * ky;
            int row = y * cols;
            System.arraycopy(frameRe, row, fr, 0, cols);
            System.arraycopy(frameIm, row, fi, 0, cols);
            System.arraycopy(totalRe, row, tr, 0, cols);
            System.arraycopy(totalIm, row, ti, 0, cols);
            for (int x = 0; x < cols; x++) {
                float ar = fr[x];
                float ai = fi[x];
                float br = tr[x] - ar;
                float bi = ti[x] - ai;
                float pr = ar * br + ai * bi;
                float pi = ar * bi - ai * br;
                re[x] += pr;
                kyRe[x] += ky * pr;
                ky2Re[x] += ky2 * pr;
                im[x] += pi;
                kyIm[x] += ky * pi;
            }
        }
        double gx = 0, gy = 0, hxx = 0, hxy = 0, hyy = 0;
        for (int x = 0; x < cols; x++) {
            // Interior columns stand for themselves and their Hermitian mirrors.
            double weight = x == 0 || x == w / 2 ? 1 : 2;
            double kx = x / (w * pixelScaleX);
            gx += weight * kx * im[x];
            gy += weight * kyIm[x];
            hxx += weight * kx * kx * re[x];
            hxy += weight * kx * kyRe[x];
            hyy += weight * ky2Re[x];
        }
        gx *= -2 * Math.PI;
        gy *= -2 * Math.PI;
        double c = -4 * Math.PI * Math.PI;
        hxx *= c;
        hxy *= c;
        hyy *= c;
        double det = hxx * hyy - hxy * hxy;
        if (!(hxx < 0 && det > 0)) {
            return null;
        }
        double dx = -(hyy * gx - hxy * gy) / det;
        double dy = -(hxx * gy - hxy * gx) / det;
        return new double[] {-dx, -dy};
    }

    /** Sub-pixel position of the maximum of a circular map within ±rx, ±ry of the origin. */
    static double[] peak(FloatImage map, int rx, int ry) {
        int w = map.width();
        int h = map.height();
        int bx = 0;
        int by = 0;
        float best = Float.NEGATIVE_INFINITY;
        for (int dy = -ry; dy <= ry; dy++) {
            int row = Math.floorMod(dy, h) * w;
            for (int dx = -rx; dx <= rx; dx++) {
                float v = map.pixels()[row + Math.floorMod(dx, w)];
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
