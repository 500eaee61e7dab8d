package org.scopeflow.imaging.qc;

/**
 * How {@link MotionAligner} aligns a movie.
 *
 * @param binning frames are binned bin×bin (by cropping their spectra) for alignment; 0 picks one
 *     giving ~2 Å pixels and at most 512 px, refined on ~2 Å pixels when that is coarser
 * @param maxIterations alignment rounds against the running sum (each round refines every frame)
 * @param bFactorAngstrom2 low-pass exp(−B·k²/4) applied before cross-correlation (Å²)
 * @param dosePerFrameElectronPerAngstrom2 exposure per frame (e⁻/Å²); 0 when unknown (no dose
 *     weighting then, and early drift covers the first quarter of the frames)
 * @param doseWeighting whether the aligned sum is dose-weighted (Grant &amp; Grigorieff 2015)
 */
public record MotionOptions(int binning, int maxIterations, double bFactorAngstrom2,
        double dosePerFrameElectronPerAngstrom2, boolean doseWeighting) {

    /** Accumulated dose up to which motion counts as early (e⁻/Å²), as in RELION. */
    public static final double EARLY_DOSE_ELECTRON_PER_ANGSTROM2 = 4;

    /** @throws IllegalArgumentException naming the value out of range */
    public MotionOptions {
        if (binning < 0 || binning > 16) {
            throw new IllegalArgumentException("binning " + binning + " must be in [0, 16] (0 = automatic)");
        }
        if (maxIterations < 1 || maxIterations > 50) {
            throw new IllegalArgumentException("iterations " + maxIterations + " must be in [1, 50]");
        }
        if (!(bFactorAngstrom2 >= 0) || !(dosePerFrameElectronPerAngstrom2 >= 0)) {
            throw new IllegalArgumentException("B-factor " + bFactorAngstrom2 + " Å² and dose per frame "
                    + dosePerFrameElectronPerAngstrom2 + " e/Å² must be ≥ 0");
        }
        if (doseWeighting && dosePerFrameElectronPerAngstrom2 == 0) {
            throw new IllegalArgumentException("dose weighting needs the dose per frame; pass it (e/Å²) or turn weighting off");
        }
    }

    /** Automatic binning, 8 iterations, B = 150 Å², dose unknown, no dose weighting. */
    public static MotionOptions defaults() {
        return new MotionOptions(0, 8, 150, 0, false);
    }

    public MotionOptions withDose(double dosePerFrame, boolean weighting) {
        return new MotionOptions(binning, maxIterations, bFactorAngstrom2, dosePerFrame, weighting);
    }
}
