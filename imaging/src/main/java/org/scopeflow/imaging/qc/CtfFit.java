package org.scopeflow.imaging.qc;

import org.scopeflow.imaging.ctf.CtfParameters;
import org.scopeflow.imaging.image.FloatImage;

/**
 * The result of a CTF estimate. Defocus follows RELION (positive = underfocus, U ≥ V, angle of U from
 * +x in [0°, 180°)).
 *
 * @param ctf the fitted CTF
 * @param fitResolutionAngstrom resolution up to which the Thon rings agree with the fit (Å)
 * @param fitScore Pearson correlation of the background-subtracted spectrum with CTF² over the fit range
 * @param powerSpectrum the centred averaged power spectrum that was fitted
 * @param spectrumPixelSizeAngstrom the micrograph's pixel size (Å); spectrum pixel (x, y) is the frequency
 *     ((x, y) − size/2) / (size · pixel size)
 */
public record CtfFit(CtfParameters ctf, double fitResolutionAngstrom, double fitScore, FloatImage powerSpectrum,
        double spectrumPixelSizeAngstrom) {

    public double defocusUAngstrom() {
        return ctf.defocusUAngstrom();
    }

    public double defocusVAngstrom() {
        return ctf.defocusVAngstrom();
    }

    public double astigmatismAngleDegree() {
        return ctf.astigmatismAngleDegree();
    }

    public double astigmatismAngstrom() {
        return ctf.astigmatismAngstrom();
    }
}
