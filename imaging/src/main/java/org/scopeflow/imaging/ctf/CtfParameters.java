package org.scopeflow.imaging.ctf;

/**
 * The parameters of a contrast transfer function, in the RELION convention: positive defocus is
 * underfocus; {@code defocusUAngstrom} is the defocus along the direction at
 * {@code astigmatismAngleDegree} from the +x axis (towards +y, i.e. towards increasing row index),
 * {@code defocusVAngstrom} the defocus perpendicular to it.
 *
 * @param voltageKilovolt acceleration voltage (kV), e.g. 300
 * @param sphericalAberrationMillimeter Cs (mm), e.g. 2.7
 * @param amplitudeContrast fraction A of amplitude contrast, in [0, 1), e.g. 0.07
 * @param defocusUAngstrom defocus along the angle (Å)
 * @param defocusVAngstrom defocus perpendicular to the angle (Å)
 * @param astigmatismAngleDegree angle of the U axis (°)
 * @param phaseShiftDegree additional phase shift, e.g. from a phase plate (°)
 */
public record CtfParameters(double voltageKilovolt, double sphericalAberrationMillimeter,
        double amplitudeContrast, double defocusUAngstrom, double defocusVAngstrom,
        double astigmatismAngleDegree, double phaseShiftDegree) {

    /** @throws IllegalArgumentException naming the value when a parameter is out of its physical range */
    public CtfParameters {
        if (!(voltageKilovolt > 0 && voltageKilovolt <= 3000)) {
            throw new IllegalArgumentException("voltage " + voltageKilovolt + " kV must be in (0, 3000]");
        }
        if (!(sphericalAberrationMillimeter >= 0 && sphericalAberrationMillimeter < 100)) {
            throw new IllegalArgumentException("Cs " + sphericalAberrationMillimeter + " mm must be in [0, 100)");
        }
        if (!(amplitudeContrast >= 0 && amplitudeContrast < 1)) {
            throw new IllegalArgumentException("amplitude contrast " + amplitudeContrast + " must be in [0, 1)");
        }
        if (!Double.isFinite(defocusUAngstrom) || !Double.isFinite(defocusVAngstrom)
                || !Double.isFinite(astigmatismAngleDegree) || !Double.isFinite(phaseShiftDegree)) {
            throw new IllegalArgumentException("defocus " + defocusUAngstrom + "/" + defocusVAngstrom
                    + " Å, angle " + astigmatismAngleDegree + "°, phase shift " + phaseShiftDegree
                    + "° must be finite numbers");
        }
    }

    /** Typical 300 kV, Cs 2.7 mm, A = 0.07 settings with the given defocus and no phase shift. */
    public static CtfParameters at300kV(double defocusUAngstrom, double defocusVAngstrom, double angleDegree) {
        return new CtfParameters(300, 2.7, 0.07, defocusUAngstrom, defocusVAngstrom, angleDegree, 0);
    }

    /** Relativistic electron wavelength (Å) at the given acceleration voltage (kV). */
    public static double electronWavelengthAngstrom(double voltageKilovolt) {
        double volt = voltageKilovolt * 1000;
        return 12.2643 / Math.sqrt(volt * (1 + 0.97845e-6 * volt));
    }

    public double wavelengthAngstrom() {
        return electronWavelengthAngstrom(voltageKilovolt);
    }

    /** Mean defocus ½(dU + dV) (Å). */
    public double meanDefocusAngstrom() {
        return 0.5 * (defocusUAngstrom + defocusVAngstrom);
    }

    /** |dU − dV| (Å). */
    public double astigmatismAngstrom() {
        return Math.abs(defocusUAngstrom - defocusVAngstrom);
    }

    /** The same CTF with other defocus values and angle. */
    public CtfParameters withDefocus(double uAngstrom, double vAngstrom, double angleDegree) {
        return new CtfParameters(voltageKilovolt, sphericalAberrationMillimeter, amplitudeContrast,
                uAngstrom, vAngstrom, angleDegree, phaseShiftDegree);
    }

    /**
     * The same CTF written so that dU ≥ dV and the angle lies in [0°, 180°): swapping U and V turns
     * the axis by 90°.
     */
    public CtfParameters canonical() {
        double u = defocusUAngstrom;
        double v = defocusVAngstrom;
        double angle = astigmatismAngleDegree;
        if (v > u) {
            double t = u;
            u = v;
            v = t;
            angle += 90;
        }
        angle = ((angle % 180) + 180) % 180;
        return withDefocus(u, v, angle);
    }
}
