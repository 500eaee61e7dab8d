package org.scopeflow.imaging.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic particle: a 3-D Coulomb-potential map made of isotropic Gaussian blobs (domains plus
 * finer detail), scaled so that its mean potential over a sphere of the given diameter matches protein
 * against vitreous ice. Immutable.
 *
 * @param blobs the Gaussians, centres relative to the particle centre
 * @param diameterAngstrom diameter of the sphere that holds the particle (Å)
 */
public record BlobVolume(List<Blob> blobs, double diameterAngstrom) {
    /** Mean inner potential of protein minus that of vitreous ice (V), ≈ 7.2 − 4.9 V. */
    public static final double PROTEIN_CONTRAST_VOLT = 2.3;
    private static final double PACKING_FRACTION = 0.7;

    /**
     * One 3-D Gaussian blob of peak potential {@code peakVolt}.
     */
    public record Blob(double xAngstrom, double yAngstrom, double zAngstrom, double sigmaAngstrom, double peakVolt) {}

    /** One projected (2-D) blob: peak projected potential in V·Å. */
    public record ProjectedBlob(double xAngstrom, double yAngstrom, double sigmaAngstrom, double peakVoltAngstrom) {}

    public BlobVolume {
        blobs = List.copyOf(blobs);
    }

    /**
     * A random particle of the given diameter: a few large domain blobs and many fine ones.
     *
     * @throws IllegalArgumentException when the diameter is below 20 Å
     */
    public static BlobVolume random(double diameterAngstrom, SplittableRandom random) {
        if (!(diameterAngstrom >= 20)) {
            throw new IllegalArgumentException("particle diameter " + diameterAngstrom + " Å is below 20 Å");
        }
        List<Blob> raw = new ArrayList<>();
        double radius = diameterAngstrom / 2;
        addBlobs(raw, 24, radius, diameterAngstrom / 14, diameterAngstrom / 8, 1.0, random);
        addBlobs(raw, 80, radius, 2.0, 4.0, 0.5, random);
        double integral = 0;
        for (Blob b : raw) {
            integral += b.peakVolt() * Math.pow(2 * Math.PI, 1.5) * Math.pow(b.sigmaAngstrom(), 3);
        }
        double target = PROTEIN_CONTRAST_VOLT * PACKING_FRACTION * Math.PI / 6 * Math.pow(diameterAngstrom, 3);
        double scale = target / integral;
        List<Blob> scaled = new ArrayList<>(raw.size());
        for (Blob b : raw) {
            scaled.add(new Blob(b.xAngstrom(), b.yAngstrom(), b.zAngstrom(), b.sigmaAngstrom(), b.peakVolt() * scale));
        }
        return new BlobVolume(scaled, diameterAngstrom);
    }

    private static void addBlobs(List<Blob> out, int count, double radius, double sigmaMin, double sigmaMax,
            double peak, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            double sigma = sigmaMin + (sigmaMax - sigmaMin) * random.nextDouble();
            double r = Math.max(0, radius - 1.5 * sigma) * Math.cbrt(random.nextDouble());
            double[] dir = Rotation.randomUnitVector(random);
            out.add(new Blob(r * dir[0], r * dir[1], r * dir[2], sigma, peak));
        }
    }

    /**
     * Projects the volume along z after rotating it: each Gaussian integrates to a 2-D Gaussian of the
     * same σ and peak {@code peakVolt·√(2π)·σ} (V·Å).
     */
    public List<ProjectedBlob> project(Rotation rotation) {
        List<ProjectedBlob> out = new ArrayList<>(blobs.size());
        for (Blob b : blobs) {
            double[] c = rotation.apply(b.xAngstrom(), b.yAngstrom(), b.zAngstrom());
            out.add(new ProjectedBlob(c[0], c[1], b.sigmaAngstrom(),
                    b.peakVolt() * Math.sqrt(2 * Math.PI) * b.sigmaAngstrom()));
        }
        return out;
    }
}
