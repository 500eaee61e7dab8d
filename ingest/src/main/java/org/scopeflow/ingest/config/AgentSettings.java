package org.scopeflow.ingest.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The validated agent configuration. Exactly one of {@code catalog} and {@code server} is set.
 *
 * @param stateDir the agent's durable journal directory
 * @param catalog  standalone catalog settings, or null
 * @param server   server settings, or null
 * @param watches  at least one watch
 */
public record AgentSettings(Path stateDir, CatalogTarget catalog, ServerTarget server, List<WatchSettings> watches) {
    public AgentSettings {
        watches = List.copyOf(watches);
    }

    /**
     * {@code catalog:} writes the catalog directly.
     *
     * @param dbUrl     JDBC URL of the catalog database (wired by the app module), or null
     * @param jsonlFile JSON-lines catalog file for standalone use and tests, or null
     */
    public record CatalogTarget(String dbUrl, Path jsonlFile) {}

    /**
     * {@code server:} talks to a Scopeflow server over its REST API.
     *
     * @param url   base URL, http or https
     * @param token agent token (usually ${SCOPEFLOW_TOKEN}); never printed
     */
    public record ServerTarget(String url, String token) {
        @Override
        public String toString() {
            return "ServerTarget[url=" + url + ", token=***]";
        }
    }
}
