package org.scopeflow.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.util.ArrayList;
import java.util.List;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.server.auth.AccountStore;
import org.scopeflow.server.auth.Authenticator;
import org.scopeflow.server.auth.PasswordHasher;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.Bodies;
import org.scopeflow.server.http.JsonMapping;
import org.scopeflow.server.http.ProblemException;
import org.scopeflow.server.http.ProblemResponder;
import org.scopeflow.server.web.ErrorPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Scopeflow HTTP server: REST API under {@code /api}, web pages, live event streams. Every
 * route comes from one table ({@link Routes}) that drives registration, the role gate and the
 * OpenAPI document. Start once, stop once; {@link #close()} stops it.
 */
public final class ScopeflowServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScopeflowServer.class);
    public static final String PRINCIPAL_ATTRIBUTE = "scopeflow.principal";
    private final Services services;
    private final List<ApiRoute> routes;
    private final Javalin app;

    private ScopeflowServer(Services services) {
        this.services = services;
        this.routes = List.copyOf(Routes.all(services));
        this.app = Javalin.create(this::configure);
    }

    /** Builds the server over an open catalog (migrated, so that the account tables exist). */
    public static ScopeflowServer create(ServerSettings settings, Catalog catalog) {
        var json = JsonMapping.create();
        var accounts = new AccountStore(catalog.jdbi(), settings.clock());
        return new ScopeflowServer(new Services(catalog, accounts, new PasswordHasher(), json, new Bodies(json), settings,
                new java.util.concurrent.CopyOnWriteArrayList<>()));
    }

    private void configure(JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        config.http.maxRequestSize = services.settings().maxRequestBytes();
        config.http.prefer405over404 = true;
        config.router.ignoreTrailingSlashes = true;
        config.jsonMapper(new JavalinJackson(services.json(), false));
        config.staticFiles.enableWebjars();
        config.staticFiles.add(s -> {
            s.hostedPath = "/static";
            s.directory = "/org/scopeflow/server/static";
            s.location = io.javalin.http.staticfiles.Location.CLASSPATH;
        });
        new ProblemResponder(services.json(), ErrorPages::render).install(config);
        Authenticator authenticator = new Authenticator(services.accounts());
        for (ApiRoute r : routes) {
            config.routes.addHttpHandler(r.method(), r.path(), gated(r, authenticator));
        }
    }

    private static Handler gated(ApiRoute route, Authenticator authenticator) {
        return ctx -> {
            Principal p = authenticator.authenticate(ctx).orElse(null);
            if (route.access() != Access.PUBLIC) {
                if (p == null) {
                    if (!route.isApi()) {
                        ctx.redirect("/login?next=" + java.net.URLEncoder.encode(requestTarget(ctx), java.nio.charset.StandardCharsets.UTF_8));
                        return;
                    }
                    throw ProblemException.unauthorized("log in first: send 'Authorization: Bearer <token>' "
                            + "(create one with 'scopeflow user token USER') or use the login cookie of /login");
                }
                if (!route.access().admits(p.role())) {
                    throw ProblemException.forbidden("role '" + p.role().label() + "' may not " + route.method()
                            + " " + route.path() + "; allowed: " + route.access().description());
                }
            }
            ctx.attribute(PRINCIPAL_ATTRIBUTE, p);
            route.handler().handle(ctx, p);
        };
    }

    private static String requestTarget(Context ctx) {
        String q = ctx.queryString();
        return q == null ? ctx.path() : ctx.path() + "?" + q;
    }

    /**
     * Starts listening.
     *
     * @return the port it listens on
     * @throws ServerStartException when the port is taken, naming it and the fix
     */
    public int start() {
        ServerSettings s = services.settings();
        try {
            app.start(s.host(), s.port());
        } catch (JavalinBindException e) {
            throw new ServerStartException("Port " + s.port() + " is already in use; stop the other process or pass --port", e);
        } catch (RuntimeException e) {
            if (causedByBind(e)) {
                throw new ServerStartException("Port " + s.port() + " is already in use; stop the other process or pass --port", e);
            }
            throw e;
        }
        LOG.info("server listening on http://{}:{}/", s.host(), app.port());
        return app.port();
    }

    private static boolean causedByBind(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    public int port() {
        return app.port();
    }

    /** The route table, in registration order. */
    public List<ApiRoute> routes() {
        return routes;
    }

    /** Method and path of every HTTP handler Javalin actually serves (for consistency tests). */
    public List<String> registeredEndpoints() {
        List<String> out = new ArrayList<>();
        app.unsafe.internalRouter.allHttpHandlers()
                .forEach(p -> out.add(p.endpoint.method.name() + " " + p.endpoint.path));
        return out;
    }

    public Services services() {
        return services;
    }

    public void stop() {
        for (AutoCloseable hook : services.stopHooks()) {
            try {
                hook.close();
            } catch (Exception e) {
                LOG.warn("server stop: {} failed to close: {}", hook, e.toString());
            }
        }
        app.stop();
    }

    @Override
    public void close() {
        stop();
    }
}
