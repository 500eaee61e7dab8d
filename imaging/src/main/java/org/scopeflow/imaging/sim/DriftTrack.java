package org.scopeflow.imaging.sim;

import java.util.SplittableRandom;

/**
 * The specimen displacement of every frame relative to frame 0, in pixels (frame 0 is (0, 0)): the
 * image of frame i shows the specimen moved by (x[i], y[i]). Real stage/beam-induced drift is fast
 * at first and settles; the random track is an exponentially settling drift plus a slow linear one,
 * each in its own direction, so it is smooth.
 *
 * @param xPixel displacement along x per frame (px)
 * @param yPixel displacement along y per frame (px)
 */
public record DriftTrack(double[] xPixel, double[] yPixel) {
    public DriftTrack {
        if (xPixel.length != yPixel.length || xPixel.length == 0) {
            throw new IllegalArgumentException("drift track needs the same positive number of x and y values, got "
                    + xPixel.length + " and " + yPixel.length);
        }
        xPixel = xPixel.clone();
        yPixel = yPixel.clone();
    }

    /**
     * A random smooth track: an early drift of 3–15 Å settling with a time constant of 1.5–4 frames,
     * plus a late linear drift of 1–5 Å over the movie.
     */
    public static DriftTrack random(int frames, double pixelSizeAngstrom, SplittableRandom random) {
        double early = (3 + 12 * random.nextDouble()) / pixelSizeAngstrom;
        double late = (1 + 4 * random.nextDouble()) / pixelSizeAngstrom;
        double tau = 1.5 + 2.5 * random.nextDouble();
        double a1 = 2 * Math.PI * random.nextDouble();
        double a2 = a1 + (random.nextDouble() - 0.5) * Math.PI;
        double[] x = new double[frames];
        double[] y = new double[frames];
        double last = Math.max(1, frames - 1);
        double norm = 1 - Math.exp(-last / tau);
        for (int i = 0; i < frames; i++) {
            double e = early * (1 - Math.exp(-i / tau)) / norm;
            double l = late * i / last;
            x[i] = e * Math.cos(a1) + l * Math.cos(a2);
            y[i] = e * Math.sin(a1) + l * Math.sin(a2);
        }
        return new DriftTrack(x, y);
    }

    public int frames() {
        return xPixel.length;
    }

    @Override
    public double[] xPixel() {
        return xPixel.clone();
    }

    @Override
    public double[] yPixel() {
        return yPixel.clone();
    }

    public double x(int frame) {
        return xPixel[frame];
    }

    public double y(int frame) {
        return yPixel[frame];
    }
}
