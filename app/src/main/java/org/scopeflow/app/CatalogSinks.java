package org.scopeflow.app;

import java.util.List;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.JsonLinesCatalogSink;
import org.scopeflow.ingest.config.AgentSettings;
import org.scopeflow.model.config.ConfigException;
import org.scopeflow.model.config.ConfigProblem;

/** Chooses the agent's catalog from its settings. The one place where the agent meets a catalog implementation. */
final class CatalogSinks {
    private CatalogSinks() {}

    static CatalogSink open(AgentSettings s, String configSource) {
        if (s.server() != null) {
            throw new ConfigException(configSource, List.of(new ConfigProblem("server",
                    "server mode needs the Scopeflow server (not built yet); use catalog: {jsonl_file: …} for now")));
        }
        if (s.catalog().jsonlFile() != null) {
            return new JsonLinesCatalogSink(s.catalog().jsonlFile());
        }
        return new CatalogIngestSink(new CatalogSettings(s.catalog().dbUrl(), "", "", 4));
    }
}
