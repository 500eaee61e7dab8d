package org.scopeflow.ingest.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * @param url          base URL, http or https, without a trailing '/'
     * @param token        agent token (usually ${SCOPEFLOW_TOKEN}); never printed
     * @param agentName    the name the agent registers under, or null for this host's name
     * @param storageRoots the server's storage-root names → the directory where this machine sees each
     *                     (every watch's destination lies inside one of them); at least one
     */
    public record ServerTarget(String url, String token, String agentName, Map<String, Path> storageRoots) {
        public ServerTarget {
            storageRoots = Collections.unmodifiableMap(new LinkedHashMap<>(storageRoots));
        }

        /**
         * The storage root holding {@code path}: the entry whose directory is the longest prefix of it.
         *
         * @return empty when {@code path} is inside none of them
         */
        public Optional<Map.Entry<String, Path>> storageRootOf(Path path) {
            return storageRoots.entrySet().stream().filter(e -> path.startsWith(e.getValue()))
                    .max(Comparator.comparingInt(e -> e.getValue().getNameCount()));
        }

        @Override
        public String toString() {
            return "ServerTarget[url=" + url + ", token=***, agentName=" + agentName + ", storageRoots=" + storageRoots + "]";
        }
    }
}
