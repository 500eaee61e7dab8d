package org.scopeflow.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scopeflow.imaging.mrc.MrcHeader;
import org.scopeflow.imaging.mrc.MrcReader;
import org.scopeflow.imaging.tiff.TiffInfo;
import org.scopeflow.imaging.tiff.TiffReader;
import org.scopeflow.ingest.MetadataValue;
import org.scopeflow.ingest.metadata.MetadataExtractor;
import org.scopeflow.ingest.metadata.MetadataReader;

/**
 * Metadata at ingest from image headers (the imaging module's readers, which read headers only,
 * never pixels): image dimensions, frames, pixel mode and, for MRC, the pixel size from the cell.
 * Joined here to the agent's sidecar extractors because only the app module sees both modules.
 */
final class ImageHeaderExtractors {
    private ImageHeaderExtractors() {}

    /** Every extractor the agent uses: sidecars (EPU XML, SerialEM .mdoc) and image headers. */
    static MetadataReader all() {
        List<MetadataExtractor> extractors = new ArrayList<>(MetadataReader.builtIn());
        extractors.add(new Mrc());
        extractors.add(new Tiff());
        return new MetadataReader(extractors);
    }

    private static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    static final class Mrc implements MetadataExtractor {
        @Override
        public boolean accepts(String fileName) {
            return List.of("mrc", "mrcs", "st", "rec", "map").contains(extension(fileName));
        }

        @Override
        public List<MetadataValue> extract(Path file) throws IOException {
            MrcHeader h = MrcReader.readHeader(file);
            List<MetadataValue> values = new ArrayList<>();
            values.add(MetadataValue.number("width_px", h.nx(), "px"));
            values.add(MetadataValue.number("height_px", h.ny(), "px"));
            values.add(MetadataValue.number(h.isVolume() ? "depth_px" : "frames", h.nz(), h.isVolume() ? "px" : ""));
            values.add(new MetadataValue("pixel_mode", "mrc-" + h.mode().name().toLowerCase(Locale.ROOT), ""));
            if (h.pixelSizeAngstrom() > 0) {
                // The cell is stored as float32: round away its noise (1.06 is read back as 1.0599999).
                double pixel = Math.round(h.pixelSizeAngstrom() * 1e5) / 1e5;
                values.add(MetadataValue.number("pixel_size_angstrom", pixel, "Å"));
            }
            return values;
        }
    }

    static final class Tiff implements MetadataExtractor {
        @Override
        public boolean accepts(String fileName) {
            return List.of("tif", "tiff").contains(extension(fileName));
        }

        @Override
        public List<MetadataValue> extract(Path file) throws IOException {
            TiffInfo t = TiffReader.readHeader(file);
            return List.of(
                    MetadataValue.number("width_px", t.width(), "px"),
                    MetadataValue.number("height_px", t.height(), "px"),
                    MetadataValue.number("frames", t.pages(), ""),
                    MetadataValue.number("bits_per_sample", t.bitsPerSample(), "bit"),
                    new MetadataValue("tiff_compression", compression(t.compression()), ""));
        }

        private static String compression(int tag) {
            return switch (tag) {
                case 1 -> "none";
                case 5 -> "lzw";
                case 8, 32946 -> "deflate";
                default -> "tiff-compression-" + tag;
            };
        }
    }
}
