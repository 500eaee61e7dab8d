package org.scopeflow.imaging.tiff;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.scopeflow.imaging.image.FloatImage;

/**
 * Writes greyscale multi-page TIFF or BigTIFF (8/16-bit unsigned; none, LZW or deflate) with the
 * TwelveMonkeys plugin, page by page (see {@link TiffPageWriter}). Writes in place: callers that
 * need atomic publication write to a temporary name and rename. Stateless and thread-safe.
 */
public final class TiffWriter {
    private TiffWriter() {
    }

    /**
     * @param pages at least one image, all the same size
     * @throws IllegalArgumentException when the list is empty, sizes differ or a value does not fit
     */
    public static void write(Path file, List<FloatImage> pages, TiffWriteOptions options) throws IOException {
        if (pages.isEmpty()) {
            throw new IllegalArgumentException(file + ": no pages to write; a TIFF file needs at least one");
        }
        try (TiffPageWriter writer = TiffPageWriter.open(file, options)) {
            for (FloatImage page : pages) {
                writer.append(page);
            }
        }
    }
}
