package org.scopeflow.app;

import java.io.IOException;
import java.net.InetAddress;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.JsonLinesCatalogSink;
import org.scopeflow.ingest.config.AgentSettings;

/** Chooses the agent's catalog from its settings. The one place where the agent meets a catalog implementation. */
final class CatalogSinks {
    private CatalogSinks() {}

    /**
     * Opens the configured catalog. In server mode the agent registers at once (see
     * {@link ServerCatalogSink#connect()}), so that a refused token stops it before it transfers anything.
     *
     * @throws UserFacingException (exit 2) when the server refuses the agent
     */
    static CatalogSink open(AgentSettings s) {
        if (s.server() != null) {
            ServerCatalogSink sink = new ServerCatalogSink(s.server(), identity(s));
            sink.connect();
            return sink;
        }
        if (s.catalog().jsonlFile() != null) {
            return new JsonLinesCatalogSink(s.catalog().jsonlFile());
        }
        return new CatalogIngestSink(new CatalogSettings(s.catalog().dbUrl(), "", "", 4));
    }

    /** Agent name: server.agent_name, else this host's name; default instrument: the watch, when there is one. */
    static ServerCatalogSink.AgentIdentity identity(AgentSettings s) {
        String host = hostName();
        String name = s.server().agentName() != null ? s.server().agentName() : agentName(host);
        String version;
        try {
            version = VersionProvider.version();
        } catch (IOException e) {
            version = "unknown";
        }
        String instrument = s.watches().size() == 1 ? s.watches().get(0).name() : null;
        return new ServerCatalogSink.AgentIdentity(name, host, version, instrument);
    }

    /** The host name as the server accepts agent names: letters, digits, '.', '_', '-', at most 200. */
    static String agentName(String host) {
        String name = host.replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        name = name.length() > 200 ? name.substring(0, 200) : name;
        return name.isEmpty() ? "scopeflow-agent" : name;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "scopeflow-agent";
        }
    }
}
