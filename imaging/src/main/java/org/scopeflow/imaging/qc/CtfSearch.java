package org.scopeflow.imaging.qc;

/**
 * How {@link CtfEstimator} searches.
 *
 * @param voltageKilovolt acceleration voltage (kV)
 * @param sphericalAberrationMillimeter Cs (mm)
 * @param amplitudeContrast amplitude-contrast fraction
 * @param defocusMinAngstrom smallest mean defocus tried (Å, underfocus positive)
 * @param defocusMaxAngstrom largest mean defocus tried (Å)
 * @param lowResolutionAngstrom low-resolution limit of the fit (Å), e.g. 30
 * @param highResolutionAngstrom high-resolution limit of the fit (Å), e.g. 5
 * @param tileSizePixel periodogram tile edge (px), e.g. 512
 */
public record CtfSearch(double voltageKilovolt, double sphericalAberrationMillimeter, double amplitudeContrast,
        double defocusMinAngstrom, double defocusMaxAngstrom, double lowResolutionAngstrom,
        double highResolutionAngstrom, int tileSizePixel) {

    /** @throws IllegalArgumentException naming the value out of range */
    public CtfSearch {
        if (!(defocusMinAngstrom > 0 && defocusMaxAngstrom > defocusMinAngstrom)) {
            throw new IllegalArgumentException("defocus search range " + defocusMinAngstrom + "–" + defocusMaxAngstrom
                    + " Å must be positive and increasing");
        }
        if (!(lowResolutionAngstrom > highResolutionAngstrom && highResolutionAngstrom > 0)) {
            throw new IllegalArgumentException("fit resolution range " + lowResolutionAngstrom + "–"
                    + highResolutionAngstrom + " Å must go from a larger (low) to a smaller (high) positive value");
        }
        if (tileSizePixel < 64 || tileSizePixel > 4096 || (tileSizePixel & 1) != 0) {
            throw new IllegalArgumentException("tile size " + tileSizePixel + " px must be even and in [64, 4096]");
        }
    }

    /** 300 kV, Cs 2.7 mm, A 0.07, defocus 0.3–5 µm, fit 30–5 Å, 512-px tiles. */
    public static CtfSearch defaults() {
        return new CtfSearch(300, 2.7, 0.07, 3000, 50000, 30, 5, 512);
    }

    public CtfSearch withMicroscope(double voltage, double csMillimeter, double amplitude) {
        return new CtfSearch(voltage, csMillimeter, amplitude, defocusMinAngstrom, defocusMaxAngstrom,
                lowResolutionAngstrom, highResolutionAngstrom, tileSizePixel);
    }
}
