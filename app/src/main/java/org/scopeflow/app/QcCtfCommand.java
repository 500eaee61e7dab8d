package org.scopeflow.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.scopeflow.imaging.qc.CtfEstimator;
import org.scopeflow.imaging.qc.CtfFit;
import org.scopeflow.imaging.qc.CtfSearch;
import org.scopeflow.imaging.qc.PngRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scopeflow qc ctf}: defocus, astigmatism and fit resolution per micrograph, with a spectrum PNG. */
@Command(name = "ctf", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Estimates the CTF of each micrograph (a movie is aligned first: global motion correction): defocus U/V (Å, "
                + "underfocus positive), astigmatism angle (°), fit resolution (Å) and score; writes <name>_ctf.png, "
                + "the power spectrum with the fitted CTF zeros drawn over its right half."})
final class QcCtfCommand extends QcFileCommand {
    @Option(names = "--voltage", defaultValue = "300", paramLabel = "KV", description = "Acceleration voltage in kV (default: ${DEFAULT-VALUE}).")
    double voltage;

    @Option(names = "--cs", defaultValue = "2.7", paramLabel = "MM", description = "Spherical aberration in mm (default: ${DEFAULT-VALUE}).")
    double cs;

    @Option(names = "--amplitude-contrast", defaultValue = "0.07", paramLabel = "A",
            description = "Amplitude contrast fraction (default: ${DEFAULT-VALUE}).")
    double amplitudeContrast;

    @Option(names = "--defocus-range", defaultValue = "0.3:5", paramLabel = "µM:µM",
            description = "Mean defocus searched, in µm (default: ${DEFAULT-VALUE}).")
    String defocusRange;

    @Option(names = "--resolution", defaultValue = "30:5", paramLabel = "Å:Å",
            description = "Fit range from low to high resolution, in Å (default: ${DEFAULT-VALUE}).")
    String resolution;

    @Option(names = "--tile", defaultValue = "512", paramLabel = "PX", description = "Periodogram tile size in px (default: ${DEFAULT-VALUE}).")
    int tile;

    private CtfSearch search() {
        RangeOption d = RangeOption.parse("--defocus-range", defocusRange);
        String[] r = resolution.split(":");
        if (r.length != 2) {
            throw new IllegalArgumentException("--resolution '" + resolution + "' is not like 30:5 (low:high in Å)");
        }
        return new CtfSearch(voltage, cs, amplitudeContrast, d.low() * 1e4, d.high() * 1e4,
                Double.parseDouble(r[0]), Double.parseDouble(r[1]), tile);
    }

    @Override
    void validate() {
        super.validate();
        search();
    }

    @Override
    ObjectNode process(Path file) throws IOException {
        double pixel = QcInputs.pixelSizeAngstrom(file, pixelSizeAngstrom);
        CtfFit fit = new CtfEstimator().estimate(QcInputs.micrograph(QcInputs.readSections(file), pixel), pixel, search());
        Path png = output(file, "_ctf.png");
        PngRenderer.write(PngRenderer.ctfFit(fit), png);
        return JSON.objectNode()
                .put("pixel_size_angstrom", pixel)
                .put("defocus_u_angstrom", fit.defocusUAngstrom())
                .put("defocus_v_angstrom", fit.defocusVAngstrom())
                .put("astigmatism_angstrom", fit.astigmatismAngstrom())
                .put("astigmatism_angle_degree", fit.astigmatismAngleDegree())
                .put("fit_resolution_angstrom", fit.fitResolutionAngstrom())
                .put("fit_score", fit.fitScore())
                .put("spectrum_png", png.toString());
    }

    @Override
    String describe(ObjectNode r) {
        return String.format(Locale.ROOT, "defocus %.0f / %.0f Å at %.1f°, fit to %.1f Å (score %.3f)",
                r.get("defocus_u_angstrom").asDouble(), r.get("defocus_v_angstrom").asDouble(),
                r.get("astigmatism_angle_degree").asDouble(), r.get("fit_resolution_angstrom").asDouble(),
                r.get("fit_score").asDouble());
    }
}
