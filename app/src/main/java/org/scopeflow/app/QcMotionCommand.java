package org.scopeflow.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.scopeflow.imaging.mrc.MrcMode;
import org.scopeflow.imaging.mrc.MrcWriteOptions;
import org.scopeflow.imaging.mrc.MrcWriter;
import org.scopeflow.imaging.qc.MotionAligner;
import org.scopeflow.imaging.qc.MotionOptions;
import org.scopeflow.imaging.qc.MotionResult;
import org.scopeflow.imaging.qc.PngRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scopeflow qc motion}: global frame alignment, aligned sum (MRC) and drift plot (PNG). */
@Command(name = "motion", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Aligns the frames of each movie (iterative cross-correlation against the sum of the other frames, "
                + "on binned frames, sub-pixel), writes the aligned sum as <name>_aligned.mrc and the drift track as "
                + "<name>_drift.png. Shifts are the specimen displacement of each frame relative to frame 0, in Å."})
final class QcMotionCommand extends QcFileCommand {
    @Option(names = "--binning", defaultValue = "0", paramLabel = "N",
            description = "Bin frames N×N (Fourier cropping) for alignment; 0 = automatic (~2 Å pixels, ≤ 512 px, then "
                    + "refined on ~2 Å pixels) (default: ${DEFAULT-VALUE}).")
    int binning;

    @Option(names = "--iterations", defaultValue = "8", paramLabel = "N", description = "Maximum alignment rounds (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--bfactor", defaultValue = "150", paramLabel = "Å²",
            description = "Low-pass B-factor applied before cross-correlation, in Å² (default: ${DEFAULT-VALUE}).")
    double bFactor;

    @Option(names = "--dose-per-frame", defaultValue = "0", paramLabel = "E/Å²",
            description = "Dose per frame in e⁻/Å²; 0 = unknown (default: ${DEFAULT-VALUE}).")
    double dosePerFrame;

    @Option(names = "--dose-weighting", description = "Dose-weight the aligned sum (needs --dose-per-frame).")
    boolean doseWeighting;

    /** Set by {@link #filesInFlight()}, which runs before any file is processed. */
    private MotionAligner aligner = new MotionAligner();

    private MotionOptions options() {
        return new MotionOptions(binning, iterations, bFactor, dosePerFrame, doseWeighting);
    }

    @Override
    void validate() {
        super.validate();
        options();
    }

    /**
     * Started by {@link Main} before the command line is even parsed: start-up is single-threaded
     * (class loading, picocli), so the other core runs {@link MotionAligner#warmUp} meanwhile and the
     * JIT compiles the aligner's loops before the first movie is read. A daemon: it never delays exit.
     * Not with a single processor (e.g. a Slurm job of one CPU), where it would only take turns with
     * the real work.
     */
    static void startWarmUp() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        Thread t = new Thread(MotionAligner::warmUp, "qc-motion-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /** Java2D, fonts and the PNG writer load on a spare thread while the first movies are read and transformed. */
    @Override
    void beforeFiles() {
        Thread t = new Thread(PngRenderer::prepare, "qc-motion-prepare-png");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Two movies at once when two fit in the heap (their half spectra take about the movie's size as
     * float32 each, plus the aligned sum), so that one movie's reading and writing overlap the other's
     * transforms; otherwise one.
     */
    @Override
    int filesInFlight() {
        long bytes = QcInputs.movieFloatBytes(files.get(0));
        Runtime rt = Runtime.getRuntime();
        boolean twoFit = bytes > 0 && 2 * 3 * bytes < rt.maxMemory() / 2;
        int inFlight = twoFit && rt.availableProcessors() > 1 ? 2 : 1;
        // With a movie per core, each movie's work stays on its own thread; alone, a movie uses them all.
        aligner = inFlight > 1 ? MotionAligner.singleThreaded() : new MotionAligner();
        return inFlight;
    }

    @Override
    ObjectNode process(Path file) throws IOException {
        double pixel = QcInputs.pixelSizeAngstrom(file, pixelSizeAngstrom);
        // The last movie spreads its work over the common pool: no other movie is left to start, so a
        // core freed by the other workers would otherwise idle until it is done.
        MotionAligner a = file.equals(files.get(files.size() - 1)) ? new MotionAligner() : aligner;
        MotionResult r = a.align(QcInputs.frames(file), pixel, options());
        Path sum = output(file, "_aligned.mrc");
        MrcWriter.write(sum, List.of(r.alignedSum()), MrcWriteOptions.of(MrcMode.FLOAT32, pixel));
        Path png = output(file, "_drift.png");
        PngRenderer.write(PngRenderer.driftTrack(r, 400), png);
        ObjectNode n = JSON.objectNode()
                .put("frames", r.frames())
                .put("pixel_size_angstrom", pixel)
                .put("total_drift_angstrom", r.totalDriftAngstrom())
                .put("early_drift_angstrom", r.earlyDriftAngstrom())
                .put("late_drift_angstrom", r.lateDriftAngstrom())
                .put("max_frame_shift_angstrom", r.maxFrameShiftAngstrom())
                .put("aligned_sum", sum.toString())
                .put("drift_png", png.toString());
        ArrayNode shifts = n.putArray("shifts");
        double[] x = r.shiftXAngstrom();
        double[] y = r.shiftYAngstrom();
        for (int i = 0; i < x.length; i++) {
            shifts.addObject().put("frame", i).put("x_angstrom", x[i]).put("y_angstrom", y[i]);
        }
        return n;
    }

    @Override
    String describe(ObjectNode r) {
        return String.format(Locale.ROOT, "%d frames, total drift %.1f Å (early %.1f, late %.1f), max step %.1f Å → %s",
                r.get("frames").asInt(), r.get("total_drift_angstrom").asDouble(), r.get("early_drift_angstrom").asDouble(),
                r.get("late_drift_angstrom").asDouble(), r.get("max_frame_shift_angstrom").asDouble(),
                r.get("aligned_sum").asText());
    }
}
