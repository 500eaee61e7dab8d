package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One visit at one instrument. Acquisition parameters (dose, magnification, defocus range…) are
 * metadata values owned by the session, each with its unit.
 *
 * @param id           64-bit catalog id
 * @param name         unique per instrument, e.g. the acquisition folder name
 * @param projectId    owning project; null while unassigned
 * @param instrumentId instrument; null when unknown
 * @param operator     who ran it; may be null
 * @param state        life-cycle state
 * @param startedAt    start of acquisition
 * @param endedAt      end of acquisition; null while open
 * @param createdAt    when the catalog learned of it
 */
public record Session(long id, String name, Long projectId, Long instrumentId, String operator,
                      SessionState state, Instant startedAt, Instant endedAt, Instant createdAt) {
    public Session {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
