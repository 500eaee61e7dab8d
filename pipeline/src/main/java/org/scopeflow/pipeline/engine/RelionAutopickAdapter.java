package org.scopeflow.pipeline.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scopeflow.imaging.mrc.MrcReader;
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
    private final String version;

    /** @param version RELION's version as {@code relion_autopick --version} reports it, or "" */
    public RelionAutopickAdapter(String version) {
        this.version = version;
    }

    /** Asks the installed RELION for its version; "" when it cannot be run. */
    public static String installedVersion() {
        try {
            Process p = new ProcessBuilder("relion_autopick", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("").strip();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Override
    public PreparedStep prepare(StepContext c) {
        Path mic = c.inputs().stream().filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".mrc")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("step " + c.step().id() + ": relion:autopick needs an .mrc "
                        + "micrograph among its inputs, got " + c.inputs()));
        Map<String, Object> p = c.step().parameters();
        double pixel = number(p, "pixel_size_angstrom", headerPixelSize(mic));
        String name = c.itemName() + ".mrc";
        String star = "\\ndata_optics\\n\\nloop_\\n_rlnOpticsGroupName #1\\n_rlnOpticsGroup #2\\n_rlnMicrographPixelSize #3\\n"
                + "_rlnVoltage #4\\n_rlnSphericalAberration #5\\n_rlnAmplitudeContrast #6\\nopticsGroup1 1 %s %s %s %s\\n\\n"
                + "data_micrographs\\n\\nloop_\\n_rlnMicrographName #1\\n_rlnOpticsGroup #2\\nMicrographs/%s 1\\n";
        String line = "mkdir -p Micrographs && ln -sf " + CommandTemplate.quote(mic.toString()) + " Micrographs/" + CommandTemplate.quote(name)
                + " && printf " + CommandTemplate.quote(String.format(Locale.ROOT, star, pixel, number(p, "voltage_kv", 300),
                        number(p, "cs_mm", 2.7), number(p, "amplitude_contrast", 0.1), name))
                + " > micrographs.star && relion_autopick --i micrographs.star --odir AutoPick/ --pickname autopick --LoG"
                + " --LoG_diam_min " + number(p, "log_diam_min_angstrom", 100) + " --LoG_diam_max " + number(p, "log_diam_max_angstrom", 200)
                + " --shrink 0 --lowpass " + number(p, "lowpass_angstrom", 20);
        return new PreparedStep(line, "relion_autopick", version);
    }

    private static double headerPixelSize(Path mic) {
        try {
            return MrcReader.readHeader(mic).pixelSizeAngstrom();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the MRC header of " + mic + ": " + e.getMessage()
                    + "; give parameters.pixel_size_angstrom", e);
        }
    }

    private static double number(Map<String, Object> params, String key, double fallback) {
        Object v = params.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameters." + key + " is '" + v + "', not a number");
    }

    private static Path coordinates(StepContext c) {
        return c.outputDir().resolve("AutoPick/Micrographs/" + c.itemName() + "_autopick.star");
    }

    @Override
    public List<String> outputProblems(StepContext c) {
        Path star = coordinates(c);
        try {
            if (!Files.isRegularFile(star)) {
                return List.of("relion_autopick wrote no " + star);
            }
            return OutputCheck.starRows(star) == 0 ? List.of("relion_autopick picked nothing: " + star + " has no rows") : List.of();
        } catch (IOException e) {
            return List.of("cannot read " + star + ": " + e.getMessage());
        }
    }

    @Override
    public Map<String, Metric> metrics(StepContext c) {
        try {
            return Map.of("particle_count", new Metric(OutputCheck.starRows(coordinates(c)), "count"));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + coordinates(c) + ": " + e.getMessage(), e);
        }
    }
}
