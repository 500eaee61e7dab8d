package org.scopeflow.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.qc.BlobPicker;
import org.scopeflow.imaging.qc.PngRenderer;
import org.scopeflow.imaging.qc.Pick;
import org.scopeflow.imaging.qc.PickOptions;
import org.scopeflow.imaging.qc.PickResult;
import org.scopeflow.imaging.star.StarBlock;
import org.scopeflow.imaging.star.StarDocument;
import org.scopeflow.imaging.star.StarLoop;
import org.scopeflow.imaging.star.StarWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scopeflow qc pick}: Laplacian-of-Gaussian blob picking, coordinates as a RELION STAR file. */
@Command(name = "pick", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Picks blobs of the given diameter range in each micrograph (a movie is aligned first: global motion correction) "
                + "and writes <name>_pick.star (RELION 3.1 coordinates: rlnCoordinateX/Y in pixels, 0 = centre of the "
                + "first pixel, plus rlnAutopickFigureOfMerit)."})
final class QcPickCommand extends QcFileCommand {
    @Option(names = "--diameter", defaultValue = "100:200", paramLabel = "Å:Å",
            description = "Particle diameter range in Å (default: ${DEFAULT-VALUE}).")
    String diameter;

    @Option(names = "--threshold", defaultValue = "3", paramLabel = "SIGMA",
            description = "Pick threshold in robust standard deviations of the blob response (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--bright", description = "Particles are brighter than the background (default: dark, as in cryo-EM).")
    boolean bright;

    private PickOptions options() {
        RangeOption d = RangeOption.parse("--diameter", diameter);
        return new PickOptions(d.low(), d.high(), threshold, !bright);
    }

    @Override
    void validate() {
        super.validate();
        options();
    }

    @Override
    ObjectNode process(Path file) throws IOException {
        double pixel = QcInputs.pixelSizeAngstrom(file, pixelSizeAngstrom);
        FloatImage micrograph = QcInputs.micrograph(QcInputs.readSections(file), pixel);
        PickResult result = new BlobPicker().pick(micrograph, pixel, options());
        StarLoop loop = new StarLoop("rlnCoordinateX", "rlnCoordinateY", "rlnClassNumber", "rlnAutopickFigureOfMerit",
                "rlnAnglePsi");
        for (Pick p : result.picks()) {
            loop.addRow(fmt(p.xPixel()), fmt(p.yPixel()), "0", fmt(p.score()), "-999.0");
        }
        Path star = output(file, "_pick.star");
        StarWriter.write(star, new StarDocument().addBlock(new StarBlock("").addLoop(loop)));
        Path png = output(file, "_picks.png");
        PngRenderer.write(PngRenderer.picks(micrograph, pixel, result.picks(), 512), png);
        return JSON.objectNode()
                .put("pixel_size_angstrom", pixel)
                .put("particle_count", result.count())
                .put("median_score_sigma", Double.isNaN(result.medianScore()) ? null : result.medianScore())
                .put("coordinates_star", star.toString())
                .put("picks_png", png.toString());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    @Override
    String describe(ObjectNode r) {
        return r.get("particle_count").asInt() + " particles → " + r.get("coordinates_star").asText();
    }
}
