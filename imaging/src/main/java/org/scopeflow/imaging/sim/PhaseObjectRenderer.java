package org.scopeflow.imaging.sim;

import java.util.List;
import java.util.SplittableRandom;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Renders the specimen's phase (radians) per pixel: Gaussian phase noise of the amorphous ice plus the
 * projected potential of every particle times the interaction constant. Stateless.
 */
final class PhaseObjectRenderer {
    private PhaseObjectRenderer() {}

    static FloatImage render(MovieSpec spec, BlobVolume volume, List<MovieTruth.Particle> particles,
            SplittableRandom random) {
        int n = spec.sizePixel();
        float[] phase = new float[n * n];
        double iceSigma = spec.microscope().iceNoiseRadian() / spec.pixelSizeAngstrom();
        for (int i = 0; i < phase.length; i++) {
            phase[i] = (float) (iceSigma * gaussian(random));
        }
        double sigmaE = spec.microscope().interactionConstantPerVoltAngstrom();
        for (MovieTruth.Particle p : particles) {
            List<BlobVolume.ProjectedBlob> blobs = volume.project(Rotation.random(random));
            for (BlobVolume.ProjectedBlob b : blobs) {
                drawGaussian(phase, n, p, b, spec.pixelSizeAngstrom(), sigmaE);
            }
        }
        return new FloatImage(n, n, phase);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Adds one projected blob, as separable x and y factors over a ±4σ box. */
    private static void drawGaussian(float[] phase, int n, MovieTruth.Particle p, BlobVolume.ProjectedBlob b,
            double pixelSizeAngstrom, double sigmaE) {
        double cx = p.xPixel() + b.xAngstrom() / pixelSizeAngstrom;
        double cy = p.yPixel() + b.yAngstrom() / pixelSizeAngstrom;
        double sigma = Math.max(0.5, b.sigmaAngstrom() / pixelSizeAngstrom);
        int half = (int) Math.ceil(4 * sigma);
        int x0 = Math.max(0, (int) Math.floor(cx) - half);
        int x1 = Math.min(n - 1, (int) Math.ceil(cx) + half);
        int y0 = Math.max(0, (int) Math.floor(cy) - half);
        int y1 = Math.min(n - 1, (int) Math.ceil(cy) + half);
        if (x0 > x1 || y0 > y1) {
            return;
        }
        double[] fx = new double[x1 - x0 + 1];
        for (int x = x0; x <= x1; x++) {
            double d = x - cx;
            fx[x - x0] = Math.exp(-d * d / (2 * sigma * sigma));
        }
        double peak = sigmaE * b.peakVoltAngstrom();
        for (int y = y0; y <= y1; y++) {
            double d = y - cy;
            double fy = peak * Math.exp(-d * d / (2 * sigma * sigma));
            int row = y * n;
            for (int x = x0; x <= x1; x++) {
                phase[row + x] += (float) (fy * fx[x - x0]);
            }
        }
    }
}
