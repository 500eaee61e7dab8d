package org.scopeflow.imaging.qc;

/**
 * The fixed optics of one CTF estimate, in spectrum units: q is a squared radius in spectrum pixels,
 * k² = q / (size · pixel)². CTF² = sin²(χ + α) with α = asin(A).
 */
record CtfOptics(int sizePixel, double pixelSizeAngstrom, double wavelengthAngstrom, double csAngstrom,
        double amplitudePhaseRadian, double phaseShiftRadian) {

    static CtfOptics of(CtfSearch search, int sizePixel, double pixelSizeAngstrom) {
        return new CtfOptics(sizePixel, pixelSizeAngstrom,
                org.scopeflow.imaging.ctf.CtfParameters.electronWavelengthAngstrom(search.voltageKilovolt()),
                search.sphericalAberrationMillimeter() * 1e7, Math.asin(search.amplitudeContrast()), 0);
    }

    double k2(double qPixel2) {
        double side = sizePixel * pixelSizeAngstrom;
        return qPixel2 / (side * side);
    }

    /** χ + α (radians) at squared frequency k² (1/Å²) and defocus (Å). */
    double phase(double k2PerAngstrom2, double defocusAngstrom) {
        double l = wavelengthAngstrom;
        return Math.PI * l * defocusAngstrom * k2PerAngstrom2
                - 0.5 * Math.PI * csAngstrom * l * l * l * k2PerAngstrom2 * k2PerAngstrom2
                + phaseShiftRadian + amplitudePhaseRadian;
    }

    double ctfSquared(double qPixel2, double defocusAngstrom) {
        double s = Math.sin(phase(k2(qPixel2), defocusAngstrom));
        return s * s;
    }
}
