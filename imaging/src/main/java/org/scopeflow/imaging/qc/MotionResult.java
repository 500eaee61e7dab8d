package org.scopeflow.imaging.qc;

import org.scopeflow.imaging.image.FloatImage;

/**
 * The result of aligning a movie. Shifts are the displacement of the specimen in each frame relative
 * to frame 0 (frame 0 is (0, 0)); RELION stores the correction, rlnMicrographShiftX = −shiftX / pixel.
 *
 * @param shiftXAngstrom per-frame displacement along x (Å)
 * @param shiftYAngstrom per-frame displacement along y (Å)
 * @param totalDriftAngstrom path length over all frames (Å)
 * @param earlyDriftAngstrom path length over the early frames (accumulated dose ≤ 4 e⁻/Å²) (Å)
 * @param lateDriftAngstrom path length after them (Å)
 * @param maxFrameShiftAngstrom largest frame-to-frame step (Å)
 * @param alignedSum the sum of the aligned frames (dose-weighted when asked), in frame 0's position
 * @param pixelSizeAngstrom pixel size of the frames and the sum (Å)
 */
public record MotionResult(double[] shiftXAngstrom, double[] shiftYAngstrom, double totalDriftAngstrom,
        double earlyDriftAngstrom, double lateDriftAngstrom, double maxFrameShiftAngstrom, FloatImage alignedSum,
        double pixelSizeAngstrom) {

    public MotionResult {
        shiftXAngstrom = shiftXAngstrom.clone();
        shiftYAngstrom = shiftYAngstrom.clone();
    }

    @Override
    public double[] shiftXAngstrom() {
        return shiftXAngstrom.clone();
    }

    @Override
    public double[] shiftYAngstrom() {
        return shiftYAngstrom.clone();
    }

    public int frames() {
        return shiftXAngstrom.length;
    }
}
