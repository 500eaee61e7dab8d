package org.scopeflow.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.qc.MaxProjector;
import org.scopeflow.imaging.qc.PngRenderer;
import org.scopeflow.imaging.qc.PowerSpectrum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scopeflow qc thumbnail}: micrograph and power-spectrum PNGs, or a maximum projection of a stack. */
@Command(name = "thumbnail", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes <name>_thumb.png (sections summed, or their maximum with --projection max for light-sheet "
                + "stacks) and, for summed images, <name>_ps.png (averaged power spectrum, log scale)."})
final class QcThumbnailCommand extends QcFileCommand {
    @Option(names = "--max-size", defaultValue = "512", paramLabel = "PX",
            description = "Longest edge of the thumbnail in px (default: ${DEFAULT-VALUE}).")
    int maxSize;

    @Option(names = "--projection", defaultValue = "sum", paramLabel = "KIND",
            description = "sum (micrographs, movies) or max (light-sheet z-stacks) (default: ${DEFAULT-VALUE}).")
    String projection;

    @Option(names = "--tile", defaultValue = "512", paramLabel = "PX", description = "Power-spectrum tile size in px (default: ${DEFAULT-VALUE}).")
    int tile;

    @Override
    void validate() {
        super.validate();
        if (!projection.equals("sum") && !projection.equals("max")) {
            throw new IllegalArgumentException("--projection '" + projection + "' is not one of sum, max");
        }
        if (maxSize < 16 || tile < 32) {
            throw new IllegalArgumentException("--max-size " + maxSize + " px must be ≥ 16 and --tile " + tile + " px ≥ 32");
        }
    }

    @Override
    ObjectNode process(Path file) throws IOException {
        List<FloatImage> sections = QcInputs.readSections(file);
        boolean max = projection.equals("max");
        FloatImage image = max ? MaxProjector.project(sections) : QcInputs.sum(sections);
        Path thumb = output(file, "_thumb.png");
        PngRenderer.write(PngRenderer.micrograph(image, maxSize), thumb);
        ObjectNode n = JSON.objectNode()
                .put("sections", sections.size())
                .put("width_pixel", image.width())
                .put("height_pixel", image.height())
                .put("projection", projection)
                .put("thumbnail_png", thumb.toString());
        if (!max) {
            Path ps = output(file, "_ps.png");
            PngRenderer.write(PngRenderer.powerSpectrum(PowerSpectrum.averaged(image, tile)), ps);
            n.put("spectrum_png", ps.toString());
        }
        return n;
    }

    @Override
    String describe(ObjectNode r) {
        return r.get("projection").asText() + " of " + r.get("sections").asInt() + " sections → " + r.get("thumbnail_png").asText()
                + (r.has("spectrum_png") ? ", " + r.get("spectrum_png").asText() : "");
    }
}
