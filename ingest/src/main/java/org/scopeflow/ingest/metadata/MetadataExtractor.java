package org.scopeflow.ingest.metadata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.scopeflow.ingest.MetadataValue;

/**
 * Reads acquisition metadata from a landed file at ingest. Implementations here: EPU XML sidecars and
 * SerialEM .mdoc files; MRC and TIFF header readers come from the imaging module and are added by the
 * app module. Implementations must be thread-safe and must not modify the file.
 */
public interface MetadataExtractor {
    /** True when this extractor understands files with this name (e.g. by extension). */
    boolean accepts(String fileName);

    /**
     * @param file the verified file at its destination
     * @return values with units; empty when the file carries none
     * @throws IOException when the file cannot be read or is malformed (message names the file and the problem)
     */
    List<MetadataValue> extract(Path file) throws IOException;
}
