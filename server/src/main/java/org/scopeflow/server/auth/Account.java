package org.scopeflow.server.auth;

import java.time.Instant;

/**
 * A login account: a catalog user with a facility role.
 *
 * @param userId      catalog user id
 * @param username    login name
 * @param displayName may be null
 * @param role        facility-wide role
 * @param disabled    disabled accounts cannot log in and their tokens stop working
 * @param createdAt   when the account was created
 */
public record Account(long userId, String username, String displayName, Role role, boolean disabled,
                      Instant createdAt) {}
