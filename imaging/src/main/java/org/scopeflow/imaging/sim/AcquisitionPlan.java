package org.scopeflow.imaging.sim;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A simulated acquisition session: how many movies, what each looks like, and how they are written.
 *
 * @param outDir session directory (created when missing)
 * @param movies number of movies
 * @param sizePixel movie width and height (px)
 * @param frames frames per movie
 * @param pixelSizeAngstrom pixel size (Å)
 * @param totalDoseElectronPerAngstrom2 dose per movie over all frames (e⁻/Å²)
 * @param defocusMinMicrometer smallest mean defocus drawn (µm, underfocus positive)
 * @param defocusMaxMicrometer largest mean defocus drawn (µm)
 * @param astigmatismMinAngstrom smallest |dU − dV| drawn (Å)
 * @param astigmatismMaxAngstrom largest |dU − dV| drawn (Å)
 * @param particleDiameterAngstrom particle diameter (Å)
 * @param particleCoverage fraction of the area covered by particles
 * @param microscope instrument constants
 * @param rate acquisition rate
 * @param layout file layout
 * @param format movie file format
 * @param seed random seed: the same plan gives the same files
 */
public record AcquisitionPlan(Path outDir, int movies, int sizePixel, int frames, double pixelSizeAngstrom,
        double totalDoseElectronPerAngstrom2, double defocusMinMicrometer, double defocusMaxMicrometer,
        double astigmatismMinAngstrom, double astigmatismMaxAngstrom, double particleDiameterAngstrom,
        double particleCoverage, MicroscopeSettings microscope, AcquisitionRate rate, AcquisitionLayout layout,
        MovieFormat format, long seed) {

    /** Seconds each frame takes to expose (metadata ExposureTime = frames × this). */
    public static final double FRAME_SECONDS = 0.25;

    /** @throws IllegalArgumentException naming the value out of range */
    public AcquisitionPlan {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(format, "format");
        if (movies < 0) {
            throw new IllegalArgumentException("movie count " + movies + " must be ≥ 0");
        }
        if (!(defocusMinMicrometer > 0 && defocusMaxMicrometer >= defocusMinMicrometer && defocusMaxMicrometer <= 20)) {
            throw new IllegalArgumentException("defocus range " + defocusMinMicrometer + ":" + defocusMaxMicrometer
                    + " µm must be positive, increasing and at most 20 µm (write it as 0.8:3.5)");
        }
        if (!(astigmatismMinAngstrom >= 0 && astigmatismMaxAngstrom >= astigmatismMinAngstrom)) {
            throw new IllegalArgumentException("astigmatism range " + astigmatismMinAngstrom + ":"
                    + astigmatismMaxAngstrom + " Å must be ≥ 0 and increasing (write it as 0:800)");
        }
        if (astigmatismMaxAngstrom / 2 >= defocusMinMicrometer * 1e4) {
            throw new IllegalArgumentException("astigmatism up to " + astigmatismMaxAngstrom
                    + " Å is too large for defocus from " + defocusMinMicrometer + " µm (dV would be ≤ 0)");
        }
    }

    /** The spec of one movie with the given CTF (validates sizes, dose and particles). */
    public MovieSpec movieSpec(org.scopeflow.imaging.ctf.CtfParameters ctf) {
        return new MovieSpec(sizePixel, frames, pixelSizeAngstrom, totalDoseElectronPerAngstrom2, ctf,
                particleDiameterAngstrom, particleCoverage, microscope);
    }
}
