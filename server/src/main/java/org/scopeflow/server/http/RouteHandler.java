package org.scopeflow.server.http;

import io.javalin.http.Context;
import org.scopeflow.server.auth.Principal;

/** A route's work, given the authenticated caller (null only on {@link Access#PUBLIC} routes). */
@FunctionalInterface
public interface RouteHandler {
    void handle(Context ctx, Principal principal) throws Exception;
}
