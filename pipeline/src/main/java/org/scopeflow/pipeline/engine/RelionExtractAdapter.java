package org.scopeflow.pipeline.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopeflow.imaging.star.StarBlock;

/**
 * {@code relion:extract}: particle extraction with {@code relion_preprocess --extract} from micrographs
 * and their coordinates, for one item ({@code each}) or a batch. Micrographs are the {@code .mrc}
 * inputs; the coordinates of micrograph {@code NAME.mrc} are the input {@code NAME_autopick.star}
 * ({@code relion:autopick}) or {@code NAME_pick.star} ({@code builtin:pick}); micrographs without
 * coordinates are left out, and a job where none has coordinates cannot run. Writes
 * {@code particles.star} (RELION 3.1, optics group + {@code data_particles}) and the stacks
 * {@code Extract/Micrographs/NAME.mrcs}, which {@code relion:class2d} reads.
 *
 * <p>Metrics: {@code particle_count} and {@code micrograph_count} (count).
 *
 * <p>Parameters: {@code box_size_px} (256), {@code rescale_px} (none: keep the box),
 * {@code invert_contrast} (true: dark particles become white, as RELION expects),
 * {@code bg_radius_px} (default 75 % of the final box radius), {@code pixel_size_angstrom}
 * (default: the first micrograph's MRC header), {@code voltage_kv} (300), {@code cs_mm} (2.7),
 * {@code amplitude_contrast} (0.1).
 */
public final class RelionExtractAdapter implements StepAdapter {
    static final String PARTICLES = "particles.star";
    private static final String TOOL = "relion_preprocess";
    private static final List<String> COORDINATE_SUFFIXES = List.of("_autopick.star", "_pick.star");
    private final String version;

    /** @param version RELION's version as {@code relion_refine --version} reports it, or "" */
    public RelionExtractAdapter(String version) {
        this.version = version;
    }

    @Override
    public PreparedStep prepare(StepContext c) {
        Map<Path, Path> pairs = pairs(c);
        Map<String, Object> p = c.step().parameters();
        Path first = pairs.keySet().iterator().next();
        RelionProject.Optics optics = RelionProject.Optics.of("_rlnMicrographPixelSize", RelionProject.pixelSize(p, first), p);
        List<String> names = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        pairs.forEach((mic, coords) -> {
            String name = "Micrographs/" + RelionProject.stem(mic) + ".mrc";
            names.add(name);
            line.append(RelionProject.link(mic, name)).append(" && ")
                    .append(RelionProject.link(coords, "Coords/Micrographs/" + RelionProject.stem(mic) + "_coords.star"))
                    .append(" && ");
        });
        int box = RelionProject.whole(p, "box_size_px", 256, 2);
        int rescale = RelionProject.whole(p, "rescale_px", box, 2);
        int bgRadius = RelionProject.whole(p, "bg_radius_px", (int) Math.round(rescale * 0.375), 1);
        line.append(RelionProject.micrographsStar(optics, "micrographs", "_rlnMicrographName", names, "micrographs.star"))
                .append(" && mkdir -p Extract && ").append(RelionProject.program(c, TOOL))
                .append(" --i micrographs.star --coord_dir Coords/ --coord_suffix _coords.star --part_star ").append(PARTICLES)
                .append(" --part_dir Extract/ --extract --extract_size ").append(box);
        if (rescale != box) {
            line.append(" --scale ").append(rescale);
        }
        line.append(" --norm --bg_radius ").append(bgRadius).append(" --white_dust -1 --black_dust -1");
        if (RelionProject.flag(p, "invert_contrast", true)) {
            line.append(" --invert_contrast");
        }
        return new PreparedStep(line.toString(), RelionProject.programName(c, TOOL), version);
    }

    /** Micrograph → its coordinates, in input order; throws when no micrograph has coordinates. */
    static Map<Path, Path> pairs(StepContext c) {
        Map<Path, Path> pairs = new LinkedHashMap<>();
        for (Path mic : c.inputs()) {
            if (!RelionProject.hasSuffix(mic, List.of(".mrc"))) {
                continue;
            }
            String stem = RelionProject.stem(mic);
            c.inputs().stream().filter(in -> COORDINATE_SUFFIXES.stream().anyMatch(s -> in.getFileName().toString().equals(stem + s)))
                    .findFirst().ifPresent(coords -> pairs.put(mic, coords));
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("step " + c.step().id() + ": relion:extract found no micrograph NAME.mrc with "
                    + "coordinates NAME" + String.join(" or NAME", COORDINATE_SUFFIXES) + " among its inputs " + c.inputs());
        }
        return pairs;
    }

    @Override
    public List<String> outputProblems(StepContext c) {
        return RelionProject.requireRows(c, TOOL, c.outputDir().resolve(PARTICLES), "particles").problems();
    }

    @Override
    public Map<String, Metric> metrics(StepContext c) {
        StarBlock particles = RelionProject.requireRows(c, TOOL, c.outputDir().resolve(PARTICLES), "particles").orThrow();
        long micrographs = java.util.stream.IntStream.range(0, particles.rowCount())
                .mapToObj(row -> particles.getString("_rlnMicrographName", row)).distinct().count();
        Map<String, Metric> m = new LinkedHashMap<>();
        m.put("particle_count", new Metric(particles.rowCount(), "count"));
        m.put("micrograph_count", new Metric(micrographs, "count"));
        return m;
    }
}
