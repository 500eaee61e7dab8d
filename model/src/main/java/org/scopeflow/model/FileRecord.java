package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One version of one file of a session. A changed file at the same path becomes a new version;
 * earlier versions stay.
 *
 * @param id           64-bit catalog id
 * @param sessionId    the session
 * @param datasetId    the dataset it belongs to; may be null
 * @param relativePath path relative to the session folder, '/'-separated, up to 4096 characters
 * @param version      1 for the first content seen at this path, then 2, 3…
 * @param sizeBytes    size in bytes
 * @param checksum     may be null until computed
 * @param sourceMtime  modification time at the source; may be null
 * @param state        life-cycle state
 * @param storageRoot  name of the storage root holding it; null until landed
 * @param landedAt     when it landed on central storage; null until then
 * @param createdAt    when it was registered
 */
public record FileRecord(long id, long sessionId, Long datasetId, String relativePath, int version,
                         long sizeBytes, Checksum checksum, Instant sourceMtime, FileState state,
                         String storageRoot, Instant landedAt, Instant createdAt) {
    public FileRecord {
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
