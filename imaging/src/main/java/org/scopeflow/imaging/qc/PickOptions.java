package org.scopeflow.imaging.qc;

/**
 * How {@link BlobPicker} picks.
 *
 * @param diameterMinAngstrom smallest particle diameter searched (Å)
 * @param diameterMaxAngstrom largest particle diameter searched (Å)
 * @param thresholdSigma picks need a blob response this many robust standard deviations (1.4826·MAD)
 *     above the median response
 * @param darkParticles true when particles are darker than the background (cryo-EM underfocus)
 */
public record PickOptions(double diameterMinAngstrom, double diameterMaxAngstrom, double thresholdSigma,
        boolean darkParticles) {

    /** @throws IllegalArgumentException naming the value out of range */
    public PickOptions {
        if (!(diameterMinAngstrom > 0 && diameterMaxAngstrom >= diameterMinAngstrom)) {
            throw new IllegalArgumentException("diameter range " + diameterMinAngstrom + "–" + diameterMaxAngstrom
                    + " Å must be positive and increasing");
        }
        if (!Double.isFinite(thresholdSigma)) {
            throw new IllegalArgumentException("threshold " + thresholdSigma + " σ must be a finite number");
        }
    }

    /** A diameter range with the default threshold (3 σ) for dark particles. */
    public static PickOptions diameters(double minAngstrom, double maxAngstrom) {
        return new PickOptions(minAngstrom, maxAngstrom, 3, true);
    }
}
