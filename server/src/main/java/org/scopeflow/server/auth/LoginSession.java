package org.scopeflow.server.auth;

import java.time.Instant;

/**
 * A started browser login session.
 *
 * @param secret    goes into the HttpOnly cookie; stored only as its digest
 * @param csrfToken must accompany every form post and state-changing request of this session
 * @param expiresAt end of the session
 */
public record LoginSession(String secret, String csrfToken, Instant expiresAt) {}
