package org.scopeflow.imaging.mrc;

import java.util.List;
import java.util.Objects;

import org.scopeflow.imaging.image.FloatImage;

/**
 * A whole MRC file in memory.
 *
 * @param header         the decoded header
 * @param sections       one image per section (z index), each {@code nx × ny}
 * @param extendedHeader the raw extended header ({@code nsymbt} bytes; empty when there is none),
 *                       interpreted according to {@link MrcHeader#extendedHeaderType()}
 */
public record MrcData(MrcHeader header, List<FloatImage> sections, byte[] extendedHeader) {
    public MrcData {
        Objects.requireNonNull(header, "header");
        sections = List.copyOf(sections);
        Objects.requireNonNull(extendedHeader, "extendedHeader");
    }
}
