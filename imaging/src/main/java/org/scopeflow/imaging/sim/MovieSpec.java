package org.scopeflow.imaging.sim;

import org.scopeflow.imaging.ctf.CtfParameters;

/**
 * What one simulated movie shows.
 *
 * @param sizePixel width and height (px)
 * @param frames number of frames
 * @param pixelSizeAngstrom pixel size (Å)
 * @param totalDoseElectronPerAngstrom2 dose over all frames (e⁻/Å²)
 * @param ctf the CTF (its voltage, Cs and amplitude contrast must match {@code microscope})
 * @param particleDiameterAngstrom particle diameter (Å)
 * @param particleCoverage fraction of the area covered by particles, in (0, 0.5]
 * @param microscope instrument and specimen constants
 */
public record MovieSpec(int sizePixel, int frames, double pixelSizeAngstrom, double totalDoseElectronPerAngstrom2,
        CtfParameters ctf, double particleDiameterAngstrom, double particleCoverage, MicroscopeSettings microscope) {

    /** @throws IllegalArgumentException naming the value out of range */
    public MovieSpec {
        if (sizePixel < 64 || sizePixel > 16384) {
            throw new IllegalArgumentException("movie size " + sizePixel + " px must be in [64, 16384]");
        }
        if (frames < 1 || frames > 1000) {
            throw new IllegalArgumentException("frame count " + frames + " must be in [1, 1000]");
        }
        if (!(pixelSizeAngstrom > 0.1 && pixelSizeAngstrom < 100)) {
            throw new IllegalArgumentException("pixel size " + pixelSizeAngstrom + " Å must be in (0.1, 100)");
        }
        if (!(totalDoseElectronPerAngstrom2 > 0 && totalDoseElectronPerAngstrom2 <= 1000)) {
            throw new IllegalArgumentException("dose " + totalDoseElectronPerAngstrom2 + " e/Å² must be in (0, 1000]");
        }
        if (!(particleCoverage > 0 && particleCoverage <= 0.5)) {
            throw new IllegalArgumentException("particle coverage " + particleCoverage + " must be in (0, 0.5]");
        }
        if (!(particleDiameterAngstrom >= 20 && particleDiameterAngstrom / pixelSizeAngstrom < sizePixel / 3.0)) {
            throw new IllegalArgumentException("particle diameter " + particleDiameterAngstrom
                    + " Å must be ≥ 20 Å and under a third of the image (" + sizePixel * pixelSizeAngstrom / 3 + " Å)");
        }
    }

    /** Electrons per pixel per frame on an empty area. */
    public double electronsPerPixelPerFrame() {
        return totalDoseElectronPerAngstrom2 * pixelSizeAngstrom * pixelSizeAngstrom / frames;
    }
}
