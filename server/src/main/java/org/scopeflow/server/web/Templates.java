package org.scopeflow.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Renders the jte templates of src/main/jte, compiled at build time by the jte Maven plugin (the
 * server never compiles templates at runtime). Output is HTML-escaped by default.
 */
public final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {}

    public static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }

    /** Renders into the response as text/html. */
    public static void page(Context ctx, String template, Map<String, Object> params) {
        ctx.html(render(template, params));
    }
}
