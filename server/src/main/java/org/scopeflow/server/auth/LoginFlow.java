package org.scopeflow.server.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.Optional;
import org.scopeflow.server.Services;

/**
 * Password login and logout for browsers and the API: checks the Argon2id hash and starts a login
 * session in an HttpOnly, SameSite=Lax cookie (Lax so that a link to a dashboard from an e-mail
 * still arrives logged in; state changes are guarded by the CSRF token, not by SameSite alone).
 */
public final class LoginFlow {
    private final Services services;

    public LoginFlow(Services services) {
        this.services = services;
    }

    /** @return the new login session, or empty when the name or password is wrong */
    public Optional<LoginSession> login(Context ctx, String username, String password) {
        AccountStore accounts = services.accounts();
        Optional<String> hash = username == null ? Optional.empty() : accounts.passwordHash(username);
        if (hash.isEmpty() || !services.hasher().matches(password, hash.get())) {
            return Optional.empty();
        }
        long userId = accounts.findByUsername(username).orElseThrow().userId();
        LoginSession session = accounts.startLoginSession(userId, services.settings().loginLifetime());
        Cookie cookie = new Cookie(Authenticator.SESSION_COOKIE, session.secret(), "/",
                (int) services.settings().loginLifetime().toSeconds(), services.settings().secureCookies(), true, null, SameSite.LAX);
        ctx.cookie(cookie);
        return Optional.of(session);
    }

    public void logout(Context ctx) {
        String secret = ctx.cookie(Authenticator.SESSION_COOKIE);
        if (secret != null) {
            services.accounts().endLoginSession(secret);
        }
        ctx.cookie(new Cookie(Authenticator.SESSION_COOKIE, "", "/", 0, services.settings().secureCookies(), true, null, SameSite.LAX));
    }
}
