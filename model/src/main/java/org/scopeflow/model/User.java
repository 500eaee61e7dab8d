package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A person known to the catalog (operator, project member).
 *
 * @param id          64-bit catalog id
 * @param username    unique login name
 * @param displayName may be null
 * @param email       may be null
 * @param createdAt   when the user was added
 */
public record User(long id, String username, String displayName, String email, Instant createdAt) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
