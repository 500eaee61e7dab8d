package org.scopeflow.server.auth;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;
import org.scopeflow.server.http.ProblemException;

/**
 * Finds the caller of a request: an {@code Authorization: Bearer <token>} header (scripts, agents)
 * or the login-session cookie (browsers). Cookie-authenticated requests that change state must
 * carry the session's CSRF token in the {@code X-CSRF-Token} header or the {@code csrf} form field;
 * bearer requests need none, since browsers never add that header on their own.
 */
public final class Authenticator {
    public static final String SESSION_COOKIE = "scopeflow_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String CSRF_FIELD = "csrf";
    private final AccountStore accounts;

    public Authenticator(AccountStore accounts) {
        this.accounts = accounts;
    }

    /**
     * @return the caller, empty for an anonymous request
     * @throws ProblemException 401 for a bearer token that is unknown, revoked or expired;
     *                          403 for a cookie request that changes state without its CSRF token
     */
    public Optional<Principal> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && !header.isBlank()) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw ProblemException.unauthorized("the Authorization header must be 'Bearer <token>'; "
                        + "create a token with 'scopeflow user token USER'");
            }
            return Optional.of(accounts.principalForToken(header.substring(7).trim())
                    .orElseThrow(() -> ProblemException.unauthorized(
                            "the bearer token is unknown, revoked or expired; create a new one with 'scopeflow user token USER'")));
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        Optional<Principal> principal = accounts.principalForLoginSession(cookie);
        principal.ifPresent(p -> checkCsrf(ctx, p));
        return principal;
    }

    private static void checkCsrf(Context ctx, Principal p) {
        HandlerType m = ctx.method();
        if (m == HandlerType.GET || m == HandlerType.HEAD || m == HandlerType.OPTIONS) {
            return;
        }
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null && isForm(ctx)) {
            sent = ctx.formParam(CSRF_FIELD);
        }
        if (!SecretTokens.sameSecret(sent, p.csrfToken())) {
            throw ProblemException.forbidden("the request lacks this login session's CSRF token; "
                    + "reload the page and submit the form again");
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }
}
