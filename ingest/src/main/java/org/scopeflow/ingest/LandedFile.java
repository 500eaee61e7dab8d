package org.scopeflow.ingest;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A file that is verified at its destination and must be recorded in the catalog.
 * The catalog key is ({@link #sessionName}, {@link #relativePath}, {@link #version}).
 *
 * @param watchName     the watch (instrument) that ingested it
 * @param sessionName   the session, from the watch's session_pattern
 * @param relativePath  path relative to the watch source, '/'-separated
 * @param version       1 for the first copy; 2, 3… when different content arrived under the same name
 * @param sizeBytes     size of the verified bytes
 * @param checksums     algorithm → lower-case hex digest; at least one
 * @param sourceMtime   modification time of the source (kept on the destination)
 * @param landedAt      when it was verified, on the agent's clock
 * @param storageRoot   the fixed part of the destination template (the storage the watch writes to)
 * @param destination   absolute destination path
 * @param metadata      values extracted at ingest, possibly empty
 */
public record LandedFile(String watchName, String sessionName, String relativePath, int version,
                         long sizeBytes, Map<ChecksumAlgorithm, String> checksums, Instant sourceMtime,
                         Instant landedAt, Path storageRoot, Path destination, List<MetadataValue> metadata) {
    public LandedFile {
        Objects.requireNonNull(watchName, "watchName");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(relativePath, "relativePath");
        if (version < 1) {
            throw new IllegalArgumentException("version must be ≥ 1, was " + version + " for " + relativePath);
        }
        if (checksums.isEmpty()) {
            throw new IllegalArgumentException("a landed file needs a checksum: " + relativePath);
        }
        checksums = Map.copyOf(checksums);
        metadata = List.copyOf(metadata);
    }

    /** The catalog's idempotency key: session, relative path and version. */
    public String catalogKey() {
        return catalogKey(sessionName, relativePath, version);
    }

    /** The catalog key of a file not yet built into a {@code LandedFile}. */
    public static String catalogKey(String sessionName, String relativePath, int version) {
        return sessionName + "\u0000" + relativePath + "\u0000" + version;
    }
}
