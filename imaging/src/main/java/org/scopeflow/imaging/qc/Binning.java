package org.scopeflow.imaging.qc;

import org.scopeflow.imaging.image.FloatImage;

/** Averages an image in factor×factor blocks (dropping the remainder rows and columns). Stateless. */
public final class Binning {
    private Binning() {}

    /** @throws IllegalArgumentException when the factor is below 1 or leaves no pixel */
    public static FloatImage average(FloatImage image, int factor) {
        if (factor < 1 || image.width() / factor < 1 || image.height() / factor < 1) {
            throw new IllegalArgumentException("binning factor " + factor + " does not fit a "
                    + image.width() + "×" + image.height() + " image");
        }
        if (factor == 1) {
            return image.copy();
        }
        int w = image.width() / factor;
        int h = image.height() / factor;
        float[] src = image.pixels();
        float[] out = new float[w * h];
        float scale = 1f / (factor * factor);
        for (int y = 0; y < h * factor; y++) {
            int row = y * image.width();
            int outRow = (y / factor) * w;
            for (int x = 0; x < w * factor; x++) {
                out[outRow + x / factor] += src[row + x];
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return new FloatImage(w, h, out);
    }
}
