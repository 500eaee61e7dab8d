package org.scopeflow.imaging.sim;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A simulated light-sheet (SPIM) session: one 16-bit TIFF z-stack per timepoint and view.
 *
 * @param outDir session directory
 * @param timepoints number of timepoints
 * @param views views per timepoint (the specimen turned by 180°/views about y between views)
 * @param sizePixel stack width and height (px)
 * @param depthSlices slices per stack
 * @param beads fluorescent beads in the specimen
 * @param rate acquisition rate, in stacks per minute
 * @param seed random seed
 */
public record LightSheetPlan(Path outDir, int timepoints, int views, int sizePixel, int depthSlices, int beads,
        AcquisitionRate rate, long seed) {

    /** @throws IllegalArgumentException naming the value out of range */
    public LightSheetPlan {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(rate, "rate");
        if (timepoints < 0 || views < 1 || views > 16) {
            throw new IllegalArgumentException("timepoints " + timepoints + " must be ≥ 0 and views " + views
                    + " in [1, 16]");
        }
        if (sizePixel < 16 || sizePixel > 8192 || depthSlices < 1 || depthSlices > 4096) {
            throw new IllegalArgumentException("stack " + sizePixel + "×" + sizePixel + "×" + depthSlices
                    + " must have 16–8192 px edges and 1–4096 slices");
        }
        if (beads < 0) {
            throw new IllegalArgumentException("bead count " + beads + " must be ≥ 0");
        }
    }
}
