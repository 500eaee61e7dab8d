package org.scopeflow.pipeline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopeflow.pipeline.spec.CommandTemplate;

/**
 * Runs {@code builtin:NAME} steps through the built-in processors' command line,
 * {@code scopeflow qc NAME --json --out OUTPUT_DIR [--param value…] IMAGES > OUTPUT_DIR/qc.json}, so that
 * they run as separate processes on the local executor and on Slurm alike. Parameters become options
 * ({@code dose_per_frame: 1.2} → {@code --dose-per-frame 1.2}; {@code true} → a bare flag). Only image
 * inputs (.mrc, .mrcs, .tif, .tiff, .eer) are passed. Metrics are the numeric fields of the result,
 * with the unit taken from the field name's suffix ({@code _angstrom} → Å).
 */
public final class QcCommandAdapter implements StepAdapter {
    public static final String RESULT_FILE = "qc.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IMAGE_SUFFIXES = List.of(".mrc", ".mrcs", ".tif", ".tiff", ".eer");
    private final String processor;
    private final String launcher;
    private final String version;

    /**
     * @param processor {@code motion}, {@code ctf}, {@code pick} or {@code thumbnail}
     * @param launcher  shell words that start the Scopeflow command line, e.g.
     *                  {@code /usr/bin/java -cp /opt/scopeflow.jar org.scopeflow.app.Main} (already quoted)
     * @param version   Scopeflow's version, recorded as the tool version
     */
    public QcCommandAdapter(String processor, String launcher, String version) {
        this.processor = processor;
        this.launcher = launcher;
        this.version = version;
    }

    @Override
    public PreparedStep prepare(StepContext c) {
        List<Path> images = c.inputs().stream().filter(QcCommandAdapter::isImage).toList();
        if (images.isEmpty()) {
            throw new IllegalArgumentException("step " + c.step().id() + ": builtin:" + processor + " got no image among its "
                    + c.inputs().size() + " inputs " + c.inputs() + "; it reads " + String.join(", ", IMAGE_SUFFIXES));
        }
        StringBuilder line = new StringBuilder(launcher).append(" qc ").append(processor).append(" --json --out ")
                .append(CommandTemplate.quote(c.outputDir().toString()));
        c.step().parameters().forEach((name, value) -> {
            String option = " --" + name.replace('_', '-');
            if (Boolean.TRUE.equals(value)) {
                line.append(option);
            } else if (!Boolean.FALSE.equals(value)) {
                line.append(option).append(' ').append(CommandTemplate.quote(String.valueOf(value)));
            }
        });
        images.forEach(i -> line.append(' ').append(CommandTemplate.quote(i.toString())));
        line.append(" > ").append(CommandTemplate.quote(c.outputDir().resolve(RESULT_FILE).toString()));
        return new PreparedStep(line.toString(), "scopeflow qc " + processor, version);
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    @Override
    public List<String> outputProblems(StepContext c) {
        JsonNode doc = read(c.outputDir());
        List<String> problems = new ArrayList<>();
        doc.path("failures").forEach(f -> problems.add("qc " + processor + " failed for " + f.path("file").asText()
                + ": " + f.path("reason").asText()));
        if (doc.path("results").isEmpty() && problems.isEmpty()) {
            problems.add("qc " + processor + " wrote no result to " + c.outputDir().resolve(RESULT_FILE));
        }
        return problems;
    }

    @Override
    public Map<String, Metric> metrics(StepContext c) {
        Map<String, Metric> metrics = new LinkedHashMap<>();
        JsonNode first = read(c.outputDir()).path("results").path(0);
        first.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                metrics.put(e.getKey(), new Metric(e.getValue().asDouble(), unit(e.getKey())));
            }
        });
        return metrics;
    }

    /** The PNG files of the first result ({@code thumbnail_png}, {@code spectrum_png}, {@code drift_png}…). */
    @Override
    public Map<String, Path> images(StepContext c) {
        Map<String, Path> images = new LinkedHashMap<>();
        read(c.outputDir()).path("results").path(0).fields().forEachRemaining(e -> {
            if (e.getKey().endsWith("_png") && e.getValue().isTextual()) {
                images.put(e.getKey(), Path.of(e.getValue().asText()));
            }
        });
        return images;
    }

    /** The unit a field name declares by its suffix; {@code ""} when none. */
    static String unit(String field) {
        if (field.endsWith("_angstrom")) {
            return "Å";
        }
        if (field.endsWith("_degree")) {
            return "°";
        }
        if (field.endsWith("_seconds")) {
            return "s";
        }
        if (field.endsWith("_sigma")) {
            return "σ";
        }
        if (field.endsWith("_pixel")) {
            return "px";
        }
        if (field.endsWith("_count") || field.equals("frames") || field.equals("sections")) {
            return "count";
        }
        return "";
    }

    private static JsonNode read(Path outputDir) {
        Path file = outputDir.resolve(RESULT_FILE);
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is missing or not JSON (" + e.getMessage()
                    + "); see the job's stderr tail", e);
        }
    }
}
