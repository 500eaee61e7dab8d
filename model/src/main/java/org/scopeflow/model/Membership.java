package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's role in a project; a user has at most one role per project.
 *
 * @param projectId the project
 * @param userId    the user
 * @param role      what the user may do
 * @param createdAt when the role was last granted
 */
public record Membership(long projectId, long userId, ProjectRole role, Instant createdAt) {
    public Membership {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
