package org.scopeflow.imaging.qc;

import java.io.IOException;
import org.scopeflow.imaging.image.FloatImage;

/**
 * The frames of a movie, read on demand, so that an aligner can transform each frame as soon as it is
 * read and drop its pixels: reading overlaps computing and a movie is never held twice in memory.
 * {@link #frame} may be called from several threads at once, once per index. A source may hand out the
 * same pixel array again to the same thread: a frame is valid until that thread asks for the next one.
 */
public interface FrameSource {
    /** Number of frames (≥ 1 for a movie that can be aligned). */
    int count();

    /**
     * Frame {@code index} (0-based, acquisition order), valid until the calling thread asks for another
     * frame.
     */
    FloatImage frame(int index) throws IOException;
}
