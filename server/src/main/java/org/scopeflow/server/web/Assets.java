package org.scopeflow.server.web;

/** Paths of the front-end libraries served from their WebJars (no front-end build step). */
public final class Assets {
    public static final String HTMX = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";
    public static final String CHART_JS = "/webjars/chart.js/4.5.1/dist/chart.umd.min.js";

    private Assets() {}
}
