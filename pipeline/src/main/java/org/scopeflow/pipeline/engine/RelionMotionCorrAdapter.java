package org.scopeflow.pipeline.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopeflow.imaging.qc.DriftSummary;
import org.scopeflow.imaging.star.StarBlock;
import org.scopeflow.imaging.star.StarReader;
import org.scopeflow.pipeline.spec.CommandTemplate;

/**
 * {@code relion:motioncorr}: RELION's own implementation of MotionCor2's algorithm
 * ({@code relion_run_motioncorr --use_own}) on one movie (the item's first .tiff, .tif, .mrc, .mrcs
 * or .eer input), with the output directory as RELION project directory (movie linked under
 * {@code Movies/}). Writes {@code MotionCorr/Movies/ITEM.mrc} (the aligned, by default dose-weighted
 * micrograph) and {@code MotionCorr/Movies/ITEM.star} (the shifts). RELION exits 0 after failing, so
 * both must exist and the STAR must have shift rows.
 *
 * <p>Metrics, named and measured as {@code builtin:motion} does (shifts are RELION's corrections in
 * pixels of the movie, times its pixel size): {@code total_drift_angstrom} (path length over all
 * frames), {@code early_drift_angstrom} (steps starting below 4 e⁻/Å² accumulated dose),
 * {@code late_drift_angstrom}, {@code max_frame_shift_angstrom} (largest frame-to-frame step), all Å,
 * and {@code frames} (count).
 *
 * <p>Parameters: {@code pixel_size_angstrom} (default: the MRC header; required for TIFF and EER),
 * {@code dose_per_frame_e_per_a2} (1.0), {@code voltage_kv} (300), {@code cs_mm} (2.7),
 * {@code amplitude_contrast} (0.1), {@code patches_x}, {@code patches_y} (1), {@code bin_factor} (1),
 * {@code bfactor} (150, Å²), {@code dose_weighting} (true), {@code gain_reference} (path, none).
 * The step's {@code resources.cpus} become {@code --j}.
 */
public final class RelionMotionCorrAdapter implements StepAdapter {
    private static final String TOOL = "relion_run_motioncorr";
    private static final List<String> MOVIES = List.of(".tiff", ".tif", ".mrc", ".mrcs", ".eer");
    private final String version;

    /** @param version RELION's version as {@code relion_refine --version} reports it, or "" */
    public RelionMotionCorrAdapter(String version) {
        this.version = version;
    }

    @Override
    public PreparedStep prepare(StepContext c) {
        Path movie = RelionProject.firstInput(c, "relion:motioncorr", MOVIES);
        Map<String, Object> p = c.step().parameters();
        String extension = movie.getFileName().toString().substring(movie.getFileName().toString().lastIndexOf('.'));
        String name = "Movies/" + c.itemName() + extension.toLowerCase(Locale.ROOT);
        double pixel = RelionProject.pixelSize(p, movie);
        RelionProject.Optics optics = RelionProject.Optics.of("_rlnMicrographOriginalPixelSize", pixel, p);
        StringBuilder line = new StringBuilder(RelionProject.link(movie, name))
                .append(" && ").append(RelionProject.micrographsStar(optics, "movies", "_rlnMicrographMovieName", List.of(name), "movies.star"))
                .append(" && ").append(RelionProject.program(c, TOOL)).append(" --i movies.star --o MotionCorr/ --use_own --j ").append(c.step().resources().cpus())
                .append(" --first_frame_sum 1 --last_frame_sum -1")
                .append(" --bin_factor ").append(RelionProject.number(p, "bin_factor", 1))
                .append(" --bfactor ").append(RelionProject.number(p, "bfactor", 150))
                .append(" --patch_x ").append(RelionProject.whole(p, "patches_x", 1, 1))
                .append(" --patch_y ").append(RelionProject.whole(p, "patches_y", 1, 1))
                .append(" --angpix ").append(pixel).append(" --voltage ").append(optics.voltageKv())
                .append(" --dose_per_frame ").append(dosePerFrame(p)).append(" --preexposure 0");
        if (RelionProject.flag(p, "dose_weighting", true)) {
            line.append(" --dose_weighting");
        }
        if (p.get("gain_reference") != null) {
            line.append(" --gainref ").append(CommandTemplate.quote(String.valueOf(p.get("gain_reference"))));
        }
        return new PreparedStep(line.toString(), RelionProject.programName(c, TOOL), version);
    }

    private static double dosePerFrame(Map<String, Object> p) {
        return RelionProject.number(p, "dose_per_frame_e_per_a2", 1.0);
    }

    static Path micrograph(StepContext c) {
        return c.outputDir().resolve("MotionCorr/Movies/" + c.itemName() + ".mrc");
    }

    static Path shifts(StepContext c) {
        return c.outputDir().resolve("MotionCorr/Movies/" + c.itemName() + ".star");
    }

    @Override
    public List<String> outputProblems(StepContext c) {
        List<String> problems = new ArrayList<>(RelionProject.requireRows(c, TOOL, shifts(c), "global_shift").problems());
        Path mic = micrograph(c);
        try {
            if (!Files.isRegularFile(mic) || Files.size(mic) == 0) {
                problems.add(TOOL + " wrote no aligned micrograph " + mic + RelionProject.stderrTail(c));
            }
        } catch (IOException e) {
            problems.add("cannot read " + mic + ": " + e.getMessage());
        }
        return problems;
    }

    @Override
    public Map<String, Metric> metrics(StepContext c) {
        StarBlock shifts = RelionProject.requireRows(c, TOOL, shifts(c), "global_shift").orThrow();
        double pixel = originalPixelSize(c);
        int n = shifts.rowCount();
        int early = DriftSummary.earlySteps(n, dosePerFrame(c.step().parameters()));
        double total = 0;
        double earlyDrift = 0;
        double maxStep = 0;
        for (int j = 1; j < n; j++) {
            double step = pixel * Math.hypot(shifts.getDouble("_rlnMicrographShiftX", j) - shifts.getDouble("_rlnMicrographShiftX", j - 1),
                    shifts.getDouble("_rlnMicrographShiftY", j) - shifts.getDouble("_rlnMicrographShiftY", j - 1));
            total += step;
            earlyDrift += j <= early ? step : 0;
            maxStep = Math.max(maxStep, step);
        }
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("total_drift_angstrom", new Metric(total, "Å"));
        m.put("early_drift_angstrom", new Metric(earlyDrift, "Å"));
        m.put("late_drift_angstrom", new Metric(total - earlyDrift, "Å"));
        m.put("max_frame_shift_angstrom", new Metric(maxStep, "Å"));
        m.put("frames", new Metric(n, "count"));
        return m;
    }

    /** The movie's pixel size as RELION recorded it with the shifts (key-value block {@code data_general}). */
    private static double originalPixelSize(StepContext c) {
        try {
            return StarReader.read(shifts(c)).requireBlock("general").getDouble("_rlnMicrographOriginalPixelSize");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + shifts(c) + ": " + e.getMessage(), e);
        }
    }
}
