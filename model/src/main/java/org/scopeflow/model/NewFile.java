package org.scopeflow.model;

import java.time.Instant;

/**
 * A file to register; it starts in state {@link FileState#REGISTERED}.
 *
 * @param sessionId    the session
 * @param datasetId    may be null
 * @param relativePath relative, '/'-separated, 1–4096 characters, no NUL, no leading '/'
 * @param sizeBytes    size in bytes, not negative
 * @param checksum     may be null when not yet computed
 * @param sourceMtime  may be null
 */
public record NewFile(long sessionId, Long datasetId, String relativePath, long sizeBytes,
                      Checksum checksum, Instant sourceMtime) {
    /** Longest relative path the catalog stores, in characters. */
    public static final int MAX_PATH_CHARS = 4096;

    public NewFile {
        Names.require("relative path", relativePath, MAX_PATH_CHARS);
        if (relativePath.startsWith("/") || relativePath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("relative path '" + Names.abbreviate(relativePath)
                    + "' must be relative to the session folder and contain no NUL character");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("file " + Names.abbreviate(relativePath) + ": size "
                    + sizeBytes + " bytes is negative");
        }
    }
}
