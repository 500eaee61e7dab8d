package org.scopeflow.ingest.metadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scopeflow.ingest.MetadataValue;

/**
 * Runs every extractor that accepts a file. A malformed file does not stop its ingest: the problem is
 * recorded as a {@code metadata_error} value (and logged by the caller) and the file is catalogued.
 */
public final class MetadataReader {
    private final List<MetadataExtractor> extractors;

    public MetadataReader(List<MetadataExtractor> extractors) {
        this.extractors = List.copyOf(extractors);
    }

    /** The built-in extractors: EPU XML and SerialEM mdoc. */
    public static List<MetadataExtractor> builtIn() {
        return List.of(new EpuXmlExtractor(), new MdocExtractor());
    }

    public List<MetadataValue> read(Path file) {
        List<MetadataValue> out = new ArrayList<>();
        String name = file.getFileName().toString();
        for (MetadataExtractor x : extractors) {
            if (x.accepts(name)) {
                try {
                    out.addAll(x.extract(file));
                } catch (Exception e) {
                    out.add(new MetadataValue("metadata_error", x.getClass().getSimpleName() + ": " + e.getMessage(), ""));
                }
            }
        }
        return out;
    }
}
