package org.scopeflow.server.auth;

import java.time.Instant;

/**
 * An API token as listed (the secret itself is shown only once, when created).
 *
 * @param id         token id
 * @param userId     owner
 * @param name       what it is for, e.g. {@code agent krios-1}
 * @param createdAt  when created
 * @param expiresAt  null = never
 * @param lastUsedAt null = never used
 * @param revokedAt  null = active
 */
public record ApiToken(long id, long userId, String name, Instant createdAt, Instant expiresAt,
                       Instant lastUsedAt, Instant revokedAt) {}
