package org.scopeflow.pipeline.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.scopeflow.pipeline.spec.CommandTemplate;

/**
 * {@code relion:autopick}: Laplacian-of-Gaussian picking with {@code relion_autopick --LoG} on one
 * micrograph (the item's first MRC input). RELION resolves paths relative to its project directory,
 * so the command runs in the output directory with the micrograph linked under {@code Micrographs/}
 * and a RELION 3.1 micrographs STAR (optics group from the parameters). RELION exits 0 even when it
 * picked nothing useful, so the coordinates STAR must have rows; its row count is the metric
 * {@code particle_count}.
 *
 * <p>Parameters: {@code log_diam_min_angstrom} (default 100), {@code log_diam_max_angstrom} (200),
 * {@code pixel_size_angstrom} (default: the MRC header), {@code voltage_kv} (300),
 * {@code cs_mm} (2.7), {@code amplitude_contrast} (0.1), {@code lowpass_angstrom} (20).
 */
public final class RelionAutopickAdapter implements StepAdapter {
    private static final String TOOL = "relion_autopick";
    private final String version;

    /** @param version RELION's version as {@code relion_refine --version} reports it, or "" */
    public RelionAutopickAdapter(String version) {
        this.version = version;
    }

    /** Asks the installed RELION for its version; "" when it cannot be run. */
    public static String installedVersion() {
        return RelionAdapters.installedVersion();
    }

    @Override
    public PreparedStep prepare(StepContext c) {
        Path mic = RelionProject.firstInput(c, "relion:autopick", List.of(".mrc"));
        Map<String, Object> p = c.step().parameters();
        String name = "Micrographs/" + c.itemName() + ".mrc";
        RelionProject.Optics optics = RelionProject.Optics.of("_rlnMicrographPixelSize", RelionProject.pixelSize(p, mic), p);
        String line = RelionProject.link(mic, name)
                + " && " + RelionProject.micrographsStar(optics, "micrographs", "_rlnMicrographName", List.of(name), "micrographs.star")
                + " && " + RelionProject.program(c, TOOL) + " --i micrographs.star --odir AutoPick/ --pickname autopick --LoG"
                + " --LoG_diam_min " + RelionProject.number(p, "log_diam_min_angstrom", 100)
                + " --LoG_diam_max " + RelionProject.number(p, "log_diam_max_angstrom", 200)
                + " --shrink 0 --lowpass " + RelionProject.number(p, "lowpass_angstrom", 20);
        return new PreparedStep(line, RelionProject.programName(c, TOOL), version);
    }

    /** The coordinates STAR of the item; {@code relion:extract} finds it by its {@code _autopick.star} suffix. */
    static Path coordinates(StepContext c) {
        return c.outputDir().resolve("AutoPick/Micrographs/" + c.itemName() + "_autopick.star");
    }

    @Override
    public List<String> outputProblems(StepContext c) {
        // RELION 3.1 names the coordinate table "data_" (an empty block name).
        return RelionProject.requireRows(c, TOOL, coordinates(c), "").problems();
    }

    @Override
    public Map<String, Metric> metrics(StepContext c) {
        int rows = RelionProject.requireRows(c, TOOL, coordinates(c), "").orThrow().rowCount();
        return Map.of("particle_count", new Metric(rows, "count"));
    }
}
