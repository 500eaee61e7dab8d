package org.scopeflow.server;

import java.util.ArrayList;
import java.util.List;
import org.scopeflow.server.api.AccountApi;
import org.scopeflow.server.api.AgentApi;
import org.scopeflow.server.api.CatalogApi;
import org.scopeflow.server.api.OpenApiDocument;
import org.scopeflow.server.api.SessionApi;
import org.scopeflow.server.api.StorageApi;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.live.SessionEvents;
import org.scopeflow.server.query.SessionQueries;
import org.scopeflow.server.web.WebPages;

/** The server's route table: every API route and web page, in registration order. */
final class Routes {
    private Routes() {}

    static List<ApiRoute> all(Services services) {
        SessionQueries queries = new SessionQueries(services.catalog().jdbi(), services.clock());
        services.stopHooks().add(queries::close);
        List<ApiRoute> routes = new ArrayList<>();
        String schemaVersion = services.catalog().schemaVersion();
        routes.add(ApiRoute.get("/api/health", Access.PUBLIC, "Liveness: 200 with the catalog's schema version",
                (ctx, p) -> ctx.json(java.util.Map.of("status", "ok", "schema_version", schemaVersion))));
        routes.addAll(new AccountApi(services).routes());
        routes.addAll(new CatalogApi(services).routes());
        routes.addAll(new SessionApi(services, queries).routes());
        routes.addAll(new SessionEvents(services, queries).routes());
        routes.addAll(new StorageApi(services, queries).routes());
        routes.addAll(new AgentApi(services).routes());
        routes.addAll(new org.scopeflow.server.api.PipelinesApi(services).routes());
        routes.addAll(new WebPages(services, queries).routes());
        var document = new java.util.concurrent.atomic.AtomicReference<String>();
        routes.add(ApiRoute.get("/api/openapi.json", Access.PUBLIC, "This OpenAPI 3 document",
                (ctx, p) -> ctx.contentType("application/json").result(document.get())));
        document.set(OpenApiDocument.render(routes, services.json()));
        return routes;
    }
}
