package org.scopeflow.server.http;

import io.javalin.http.HandlerType;
import java.util.Objects;

/**
 * One route of the server: method, path (Javalin syntax, {@code {id}} for parameters), who may
 * call it, a one-line summary and the handler. The route table is the single source for
 * registration, authorization and the OpenAPI document.
 *
 * @param method      HTTP method
 * @param path        e.g. {@code /api/sessions/{id}}
 * @param access      who may call it
 * @param summary     one line for the OpenAPI document
 * @param handler     what it does
 */
public record ApiRoute(HandlerType method, String path, Access access, String summary, RouteHandler handler) {
    public ApiRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(handler, "handler");
    }

    public static ApiRoute get(String path, Access access, String summary, RouteHandler handler) {
        return new ApiRoute(HandlerType.GET, path, access, summary, handler);
    }

    public static ApiRoute post(String path, Access access, String summary, RouteHandler handler) {
        return new ApiRoute(HandlerType.POST, path, access, summary, handler);
    }

    public static ApiRoute put(String path, Access access, String summary, RouteHandler handler) {
        return new ApiRoute(HandlerType.PUT, path, access, summary, handler);
    }

    public static ApiRoute delete(String path, Access access, String summary, RouteHandler handler) {
        return new ApiRoute(HandlerType.DELETE, path, access, summary, handler);
    }

    /** Whether this route belongs to the JSON API (as opposed to the web pages). */
    public boolean isApi() {
        return path.startsWith("/api/");
    }
}
