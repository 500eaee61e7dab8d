package org.scopeflow.server.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.scopeflow.server.Services;
import org.scopeflow.server.auth.Account;
import org.scopeflow.server.auth.LoginFlow;
import org.scopeflow.server.auth.LoginSession;
import org.scopeflow.server.auth.Role;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.PageRequest;
import org.scopeflow.server.http.Paged;
import org.scopeflow.server.http.ProblemException;

/** Login, the caller's own account and tokens, and account administration. */
public final class AccountApi {
    private final Services services;
    private final LoginFlow login;

    public AccountApi(Services services) {
        this.services = services;
        this.login = new LoginFlow(services);
    }

    /** JSON of an account. */
    public record UserView(long id, String username, String displayName, String role, Instant createdAt) {
        static UserView of(Account a) {
            return new UserView(a.userId(), a.username(), a.displayName(), a.role().label(), a.createdAt());
        }
    }

    record LoginRequest(String username, String password) {}

    record NewUserRequest(String username, String displayName, String role, String password) {}

    record NewTokenRequest(String name, Integer expiresInDays) {}

    record TokenCreated(long userId, String name, String token, Instant expiresAt) {}

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/login", Access.PUBLIC, "Log in with user name and password; sets the session cookie and returns the CSRF token", (ctx, p) -> {
                    LoginRequest req = services.bodies().read(ctx, LoginRequest.class);
                    LoginSession s = login.login(ctx, req.username(), req.password())
                            .orElseThrow(() -> ProblemException.unauthorized("user name or password is wrong"));
                    ctx.json(Map.of("username", req.username(), "csrf_token", s.csrfToken(), "expires_at", s.expiresAt()));
                }),
                ApiRoute.post("/api/logout", Access.USER, "End the login session", (ctx, p) -> {
                    login.logout(ctx);
                    ctx.status(204);
                }),
                ApiRoute.get("/api/me", Access.USER, "The caller's account and project ids", (ctx, p) -> ctx.json(Map.of(
                        "id", p.userId(), "username", p.username(), "role", p.role().label(), "project_ids", p.projectIds()))),
                ApiRoute.get("/api/me/tokens", Access.USER, "The caller's API tokens (never their secrets)",
                        (ctx, p) -> ctx.json(Map.of("items", services.accounts().tokens(p.userId())))),
                ApiRoute.post("/api/me/tokens", Access.USER, "Create an API token for the caller; the secret is returned once",
                        (ctx, p) -> createToken(ctx, p.userId())),
                ApiRoute.delete("/api/me/tokens/{id}", Access.USER, "Revoke one of the caller's tokens", (ctx, p) -> {
                    if (!services.accounts().revokeToken(p.userId(), Ids.path(ctx, "id"))) {
                        throw ProblemException.notFound("you have no active token " + ctx.pathParam("id"));
                    }
                    ctx.status(204);
                }),
                ApiRoute.get("/api/users", Access.ADMIN, "List accounts", (ctx, p) -> {
                    PageRequest page = PageRequest.from(ctx);
                    ctx.json(Paged.of(services.accounts().list(page.afterId(), page.limit()).stream().map(UserView::of).toList(),
                            page.limit(), UserView::id));
                }),
                ApiRoute.post("/api/users", Access.ADMIN, "Create an account (role admin, staff, member or agent)", (ctx, p) -> {
                    NewUserRequest req = services.bodies().read(ctx, NewUserRequest.class);
                    Role role = Ids.parse("role", req.role(), Role::fromLabel);
                    String hash = req.password() == null ? null : Ids.parse("password", req.password(), services.hasher()::hash);
                    Account a = Ids.parse("username", req.username(), u -> services.accounts().create(u, req.displayName(), role, hash));
                    ctx.status(201).json(UserView.of(a));
                }),
                ApiRoute.post("/api/users/{id}/tokens", Access.ADMIN, "Create an API token for an account (e.g. an agent)", (ctx, p) -> {
                    long userId = Ids.path(ctx, "id");
                    services.accounts().find(userId).orElseThrow(() -> ProblemException.notFound("no account with id " + userId));
                    createToken(ctx, userId);
                }));
    }

    private void createToken(io.javalin.http.Context ctx, long userId) {
        NewTokenRequest req = services.bodies().read(ctx, NewTokenRequest.class);
        Instant expires = null;
        if (req.expiresInDays() != null) {
            if (req.expiresInDays() < 1 || req.expiresInDays() > 3650) {
                throw ProblemException.badRequest("expires_in_days " + req.expiresInDays() + " must be 1–3650, or omitted for no expiry");
            }
            expires = services.clock().instant().plus(Duration.ofDays(req.expiresInDays()));
        }
        Instant expiresAt = expires;
        String secret = Ids.parse("name", req.name(), n -> services.accounts().createToken(userId, n, expiresAt));
        ctx.status(201).json(new TokenCreated(userId, req.name(), secret, expiresAt));
    }

}
