package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A group of files of one kind in a session (movies, gain references, tilt series, stacks…).
 *
 * @param id        64-bit catalog id
 * @param sessionId the session it belongs to
 * @param name      unique within the session
 * @param kind      free-form kind, e.g. {@code movies}, {@code tilt-series}
 * @param createdAt when it was added
 */
public record Dataset(long id, long sessionId, String name, String kind, Instant createdAt) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
