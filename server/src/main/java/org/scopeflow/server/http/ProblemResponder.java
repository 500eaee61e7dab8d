package org.scopeflow.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an RFC 7807 problem (API paths, or clients that do not ask for HTML)
 * or an HTML error page (browsers on web pages). Unexpected exceptions are logged in full with an
 * error id; the response names only the id — never a stack trace.
 */
public final class ProblemResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponder.class);
    private final ObjectMapper mapper;
    private final BiConsumer<Context, Problem> htmlPage;

    /** @param htmlPage renders a problem as an HTML page for browsers */
    public ProblemResponder(ObjectMapper mapper, BiConsumer<Context, Problem> htmlPage) {
        this.mapper = mapper;
        this.htmlPage = htmlPage;
    }

    /** Installs the exception and error handlers. */
    public void install(JavalinConfig config) {
        config.routes.exception(ProblemException.class, (e, ctx) ->
                respond(ctx, e.status(), e.title(), e.getMessage(), e.errors()));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(),
                titleOf(e.getStatus()), detailOf(e, ctx), null));
        config.routes.exception(Exception.class, (e, ctx) -> {
            if (!requestAlive(ctx)) {
                LOG.debug("request already finished when {} was raised", e.toString());
                return;
            }
            String errorId = UUID.randomUUID().toString();
            LOG.error("{} {}: unexpected failure, error id {}", ctx.method(), ctx.path(), errorId, e);
            respond(ctx, 500, "Internal server error", "the server failed on this request (error id "
                    + errorId + "); the administrator finds the cause in the server log under that id", null);
        });
        for (int status : new int[] {404, 405}) {
            config.routes.error(status, "*", ctx -> {
                if (!isProblemOrHtml(ctx)) {
                    respond(ctx, status, titleOf(status), detailOfStatus(status, ctx), null);
                }
            });
        }
    }

    /** Writes a problem (or the HTML page) with this status. */
    public void respond(Context ctx, int status, String title, String detail, java.util.Map<String, String> errors) {
        Problem p = new Problem("about:blank", title, status, detail, ctx.path(), errors);
        ctx.status(status);
        if (wantsHtml(ctx)) {
            htmlPage.accept(ctx, p);
            return;
        }
        try {
            ctx.contentType(Problem.MEDIA_TYPE).result(mapper.writeValueAsString(p));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("problem document for " + ctx.path() + " cannot be written", e);
        }
    }

    /** False when Jetty has recycled the request (e.g. a live stream closed at shutdown). */
    private static boolean requestAlive(Context ctx) {
        try {
            ctx.path();
            return true;
        } catch (RuntimeException gone) {
            return false;
        }
    }

    /** Browsers get HTML pages everywhere but under /api/. */
    static boolean wantsHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return !ctx.path().startsWith("/api/") && accept != null && accept.contains("text/html");
    }

    private static boolean isProblemOrHtml(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && (type.startsWith(Problem.MEDIA_TYPE) || type.startsWith("text/html"));
    }

    private static String detailOf(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 413) {
            return "the request body is larger than the server accepts; send at most "
                    + "1 MiB per request (split batches of file events)";
        }
        if (e.getStatus() == 404 || e.getStatus() == 405) {
            return detailOfStatus(e.getStatus(), ctx);
        }
        return e.getMessage();
    }

    private static String detailOfStatus(int status, Context ctx) {
        return status == 405
                ? ctx.method() + " is not allowed on " + ctx.path() + "; see /api/openapi.json for the methods of each path"
                : "nothing at " + ctx.path() + "; see /api/openapi.json for the API's paths";
    }

    static String titleOf(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            default -> status >= 500 ? "Internal server error" : "Request failed";
        };
    }
}
