package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A research project that owns sessions and their data.
 *
 * @param id        64-bit catalog id
 * @param name      unique short name, e.g. {@code ribosome-2026}
 * @param title     may be null
 * @param createdAt when the project was added
 */
public record Project(long id, String name, String title, Instant createdAt) {
    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
