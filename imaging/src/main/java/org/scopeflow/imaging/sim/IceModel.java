package org.scopeflow.imaging.sim;

/**
 * The phase noise of vitreous ice. A column of ice of thickness t holds n·t·a water molecules over an
 * area a (n = 0.031 Å⁻³); each molecule adds σ_e·(MIP/n) radians·Å² of phase (MIP = 4.9 V, the mean
 * inner potential of ice). For independent molecules the phase per pixel of area p² would fluctuate by
 * σ_e·(MIP/n)·√(n·t)/p; liquid-like order scales the power at frequency k by the structure factor of
 * water S(k): low at long wavelengths (compressibility, S ≈ 0.06), rising with k and peaking at the
 * ice ring near 3.7 Å. Stateless.
 */
public final class IceModel {
    /** Number density of water molecules in vitreous ice (Å⁻³). */
    static final double MOLECULES_PER_ANGSTROM3 = 0.031;
    /** Mean inner potential of vitreous ice (V). */
    static final double MEAN_INNER_POTENTIAL_VOLT = 4.9;
    private static final double RING_PER_ANGSTROM = 1 / 3.7;

    private IceModel() {}

    /** Standard deviation (radians) of the white phase noise per pixel before the structure factor. */
    static double whitePhaseSigmaRadian(MicroscopeSettings m, double pixelSizeAngstrom) {
        double perMolecule = m.interactionConstantPerVoltAngstrom() * MEAN_INNER_POTENTIAL_VOLT / MOLECULES_PER_ANGSTROM3;
        return perMolecule * Math.sqrt(MOLECULES_PER_ANGSTROM3 * m.iceThicknessAngstrom()) / pixelSizeAngstrom;
    }

    /** A simple structure factor of amorphous water at spatial frequency k (1/Å). */
    static double structureFactor(double kPerAngstrom) {
        double x = Math.min(1, kPerAngstrom / RING_PER_ANGSTROM);
        double d = (kPerAngstrom - RING_PER_ANGSTROM) / 0.035;
        return 0.06 + 0.25 * x * x + 1.9 * Math.exp(-0.5 * d * d);
    }
}
