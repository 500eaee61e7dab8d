package org.scopeflow.imaging.ctf;

/**
 * Evaluates a contrast transfer function at spatial frequencies in 1/Å:
 * CTF(k) = −[√(1−A²)·sin χ + A·cos χ], χ = π·λ·Δf(θ)·k² − (π/2)·Cs·λ³·k⁴ + φ,
 * Δf(θ) = ½[(dU+dV) + (dU−dV)·cos 2(θ−θ_ast)]. Immutable and thread-safe; shared by the simulated
 * microscope (which applies it) and the estimator (which fits it).
 */
public final class CtfModel {
    private final CtfParameters parameters;
    private final double wavelengthAngstrom;
    private final double csAngstrom;
    private final double sinWeight;
    private final double cosWeight;
    private final double angleRadian;
    private final double phaseShiftRadian;

    public CtfModel(CtfParameters parameters) {
        this.parameters = parameters;
        this.wavelengthAngstrom = parameters.wavelengthAngstrom();
        this.csAngstrom = parameters.sphericalAberrationMillimeter() * 1e7;
        double a = parameters.amplitudeContrast();
        this.sinWeight = Math.sqrt(1 - a * a);
        this.cosWeight = a;
        this.angleRadian = Math.toRadians(parameters.astigmatismAngleDegree());
        this.phaseShiftRadian = Math.toRadians(parameters.phaseShiftDegree());
    }

    public CtfParameters parameters() {
        return parameters;
    }

    /** Defocus (Å) along the direction {@code thetaRadian} from the +x axis. */
    public double defocusAngstrom(double thetaRadian) {
        double sum = parameters.defocusUAngstrom() + parameters.defocusVAngstrom();
        double diff = parameters.defocusUAngstrom() - parameters.defocusVAngstrom();
        return 0.5 * (sum + diff * Math.cos(2 * (thetaRadian - angleRadian)));
    }

    /** The phase aberration χ (radians) at frequency (kx, ky) in 1/Å. */
    public double chi(double kxPerAngstrom, double kyPerAngstrom) {
        double k2 = kxPerAngstrom * kxPerAngstrom + kyPerAngstrom * kyPerAngstrom;
        double defocus = k2 == 0 ? 0 : defocusAngstrom(Math.atan2(kyPerAngstrom, kxPerAngstrom));
        return chiAt(k2, defocus);
    }

    /** χ (radians) for squared frequency k² (1/Å²) and the defocus (Å) in that direction. */
    public double chiAt(double k2PerAngstrom2, double defocusAngstrom) {
        double l = wavelengthAngstrom;
        return Math.PI * l * defocusAngstrom * k2PerAngstrom2
                - 0.5 * Math.PI * csAngstrom * l * l * l * k2PerAngstrom2 * k2PerAngstrom2 + phaseShiftRadian;
    }

    /** CTF value in [−1, 1] at frequency (kx, ky) in 1/Å. */
    public double value(double kxPerAngstrom, double kyPerAngstrom) {
        return fromChi(chi(kxPerAngstrom, kyPerAngstrom));
    }

    /** CTF value for a phase aberration χ. */
    public double fromChi(double chiRadian) {
        return -(sinWeight * Math.sin(chiRadian) + cosWeight * Math.cos(chiRadian));
    }
}
