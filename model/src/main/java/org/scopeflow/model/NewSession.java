package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A session to open; it starts in state {@link SessionState#OPEN}.
 *
 * @param name         1–400 characters, unique per instrument
 * @param projectId    may be null (unassigned)
 * @param instrumentId may be null
 * @param operator     may be null, at most 200 characters
 * @param startedAt    start of acquisition
 */
public record NewSession(String name, Long projectId, Long instrumentId, String operator, Instant startedAt) {
    public NewSession {
        Names.require("session name", name, 400);
        Names.check("operator", operator, 200);
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
