package org.scopeflow.imaging.sim;

import java.util.List;
import org.scopeflow.imaging.ctf.CtfParameters;

/**
 * What a simulated movie really contains, for checking processors against it. Particle coordinates
 * are in frame 0 (the reference of the drift track), x right and y down, in pixels.
 *
 * @param drift specimen displacement per frame relative to frame 0 (px)
 * @param pixelSizeAngstrom pixel size (Å)
 * @param ctf the CTF applied (RELION convention)
 * @param particles particle centres (px)
 * @param particleDiameterAngstrom particle diameter (Å)
 * @param totalDoseElectronPerAngstrom2 dose over all frames (e⁻/Å²)
 */
public record MovieTruth(DriftTrack drift, double pixelSizeAngstrom, CtfParameters ctf,
        List<Particle> particles, double particleDiameterAngstrom, double totalDoseElectronPerAngstrom2) {

    /** A particle centre in pixels. */
    public record Particle(double xPixel, double yPixel) {}

    public MovieTruth {
        particles = List.copyOf(particles);
    }
}
