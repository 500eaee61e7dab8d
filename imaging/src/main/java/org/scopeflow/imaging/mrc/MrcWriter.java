package org.scopeflow.imaging.mrc;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.scopeflow.imaging.image.FloatImage;

/**
 * Writes a whole MRC2014 file from sections in memory. Streams section by section (see
 * {@link MrcSectionWriter}); writes in place — callers that need atomic publication write to a
 * temporary name and rename. Stateless and thread-safe.
 */
public final class MrcWriter {
    private MrcWriter() {
    }

    /**
     * @param sections one image per section, all the same size; at least one
     * @throws IllegalArgumentException when the list is empty, sizes differ, or a value does not fit
     *                                  the mode (see {@link MrcSectionWriter#append})
     */
    public static void write(Path file, List<FloatImage> sections, MrcWriteOptions options) throws IOException {
        if (sections.isEmpty()) {
            throw new IllegalArgumentException(file + ": no sections to write; an MRC file needs at least one");
        }
        try (MrcSectionWriter writer = MrcSectionWriter.open(file, options)) {
            for (FloatImage section : sections) {
                writer.append(section);
            }
        }
    }
}
