package org.scopeflow.server.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Map;
import org.scopeflow.server.ScopeflowServer;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.http.Problem;

/** The HTML form of a problem, for browsers on web pages. */
public final class ErrorPages {
    private ErrorPages() {}

    public static void render(Context ctx, Problem problem) {
        Principal p = ctx.attribute(ScopeflowServer.PRINCIPAL_ATTRIBUTE);
        Map<String, Object> params = new HashMap<>();
        params.put("page", PageFrame.of(problem.title(), p));
        params.put("problem", problem);
        ctx.status(problem.status()).html(Templates.render("error.jte", params));
    }
}
