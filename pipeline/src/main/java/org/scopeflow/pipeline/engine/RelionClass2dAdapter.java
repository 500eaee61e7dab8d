package org.scopeflow.pipeline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.mrc.MrcReader;
import org.scopeflow.imaging.qc.PngRenderer;
import org.scopeflow.imaging.star.StarBlock;
import org.scopeflow.pipeline.spec.CommandTemplate;

/**
 * {@code relion:class2d}: reference-free 2D classification with {@code relion_refine} on the particles
 * of a batch (the {@code particles.star} files of {@code relion:extract} jobs, joined with
 * {@code relion_star_handler --combine}; their stacks linked under {@code Extract/Micrographs/}, where
 * the STAR files point). Succeeds only when the last iteration's
 * {@code Class2D/run_itNNN_model.star} has class rows and its class averages
 * {@code Class2D/run_itNNN_classes.mrcs} are not empty.
 *
 * <p>Metrics: {@code particle_count} and {@code class_count} (count),
 * {@code best_class_resolution_angstrom} (Å, the best estimated resolution of a populated class),
 * {@code largest_class_percent} (%, the share of particles in the most populated class).
 *
 * <p>Image: {@code classes_png}, the populated class averages of the last iteration, most populated
 * first, each captioned with its share of the particles and its estimated resolution ({@code classes.png}
 * in the job's directory; the engine records it for the session's dashboard).
 *
 * <p>Parameters: {@code classes} (50), {@code iterations} (25), {@code diameter_angstrom} (200, the mask
 * diameter), {@code tau2_fudge} (2). The step's {@code resources.cpus} become {@code --j}.
 */
public final class RelionClass2dAdapter implements StepAdapter {
    private static final String TOOL = "relion_refine";
    private final String version;

    /** @param version RELION's version as {@code relion_refine --version} reports it, or "" */
    public RelionClass2dAdapter(String version) {
        this.version = version;
    }

    @Override
    public PreparedStep prepare(StepContext c) {
        List<String> stars = c.inputs().stream().filter(p -> p.getFileName().toString().equals(RelionExtractAdapter.PARTICLES))
                .map(Path::toString).toList();
        if (stars.isEmpty()) {
            throw new IllegalArgumentException("step " + c.step().id() + ": relion:class2d needs the " + RelionExtractAdapter.PARTICLES
                    + " of relion:extract jobs among its inputs (inputs: EXTRACT_STEP.output), got " + c.inputs());
        }
        Map<String, Object> p = c.step().parameters();
        StringBuilder line = new StringBuilder();
        c.inputs().stream().filter(in -> RelionProject.hasSuffix(in, List.of(".mrcs"))).forEach(stack ->
                line.append(RelionProject.link(stack, "Extract/Micrographs/" + stack.getFileName())).append(" && "));
        line.append("relion_star_handler --combine --i ").append(CommandTemplate.quote(String.join(" ", stars)))
                .append(" --o particles.star && mkdir -p Class2D && ").append(RelionProject.program(c, TOOL))
                .append(" --i particles.star --o Class2D/run --dont_combine_weights_via_disc --pool 30 --pad 2")
                .append(" --iter ").append(iterations(c))
                .append(" --tau2_fudge ").append(RelionProject.number(p, "tau2_fudge", 2))
                .append(" --particle_diameter ").append(RelionProject.number(p, "diameter_angstrom", 200))
                .append(" --K ").append(RelionProject.whole(p, "classes", 50, 1))
                .append(" --flatten_solvent --zero_mask --oversampling 1 --psi_step 12 --offset_range 5 --offset_step 2")
                .append(" --norm --scale --j ").append(c.step().resources().cpus());
        return new PreparedStep(line.toString(), RelionProject.programName(c, TOOL), version);
    }

    private static int iterations(StepContext c) {
        return RelionProject.whole(c.step().parameters(), "iterations", 25, 1);
    }

    /** {@code Class2D/run_itNNN_SUFFIX} of the last iteration. */
    static Path lastIteration(StepContext c, String suffix) {
        return c.outputDir().resolve(String.format(Locale.ROOT, "Class2D/run_it%03d_%s", iterations(c), suffix));
    }

    @Override
    public List<String> outputProblems(StepContext c) {
        List<String> problems = new ArrayList<>(RelionProject.requireRows(c, TOOL, lastIteration(c, "model.star"), "model_classes").problems());
        Path classes = lastIteration(c, "classes.mrcs");
        if (problems.isEmpty() && !(Files.isRegularFile(classes) && classes.toFile().length() > 0)) {
            problems.add(TOOL + " wrote no class averages " + classes + RelionProject.stderrTail(c));
        }
        return problems;
    }

    /** Tiles of the class-average montage, in pixels, and how many to a row. */
    static final int TILE_PIXEL = 96;
    static final int COLUMNS = 10;

    @Override
    public Map<String, Path> images(StepContext c) {
        StarBlock classes = RelionProject.requireRows(c, TOOL, lastIteration(c, "model.star"), "model_classes").orThrow();
        Path stack = lastIteration(c, "classes.mrcs");
        List<FloatImage> averages;
        try {
            averages = MrcReader.read(stack).sections();
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(TOOL + " wrote class averages " + stack + " that cannot be read: "
                    + e.getMessage(), e));
        }
        record Populated(int index, double share, double resolution) {}
        List<Populated> populated = new ArrayList<>();
        for (int row = 0; row < classes.rowCount(); row++) {
            double share = classes.getDouble("_rlnClassDistribution", row);
            if (share > 0 && row < averages.size()) {
                populated.add(new Populated(row, share, classes.getDouble("_rlnEstimatedResolution", row)));
            }
        }
        if (populated.isEmpty()) {
            return Map.of();
        }
        populated.sort(java.util.Comparator.comparingDouble(Populated::share).reversed());
        List<FloatImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (Populated p : populated) {
            tiles.add(averages.get(p.index()));
            boolean resolved = Double.isFinite(p.resolution()) && p.resolution() < 999;
            captions.add(String.format(Locale.ROOT, "%.1f %%", 100 * p.share())
                    + (resolved ? String.format(Locale.ROOT, " · %.0f Å", p.resolution()) : ""));
        }
        Path png = c.outputDir().resolve("classes.png");
        try {
            PngRenderer.write(PngRenderer.montage(tiles, captions, TILE_PIXEL, COLUMNS), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("classes_png", png);
    }

    @Override
    public Map<String, Metric> metrics(StepContext c) {
        StarBlock classes = RelionProject.requireRows(c, TOOL, lastIteration(c, "model.star"), "model_classes").orThrow();
        StarBlock particles = RelionProject.requireRows(c, TOOL, lastIteration(c, "data.star"), "particles").orThrow();
        double best = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (int row = 0; row < classes.rowCount(); row++) {
            double share = classes.getDouble("_rlnClassDistribution", row);
            largest = Math.max(largest, share);
            if (share > 0) {
                best = Math.min(best, classes.getDouble("_rlnEstimatedResolution", row));
            }
        }
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("particle_count", new Metric(particles.rowCount(), "count"));
        m.put("class_count", new Metric(classes.rowCount(), "count"));
        if (Double.isFinite(best)) {
            m.put("best_class_resolution_angstrom", new Metric(best, "Å"));
        }
        m.put("largest_class_percent", new Metric(100 * largest, "%"));
        return m;
    }
}
