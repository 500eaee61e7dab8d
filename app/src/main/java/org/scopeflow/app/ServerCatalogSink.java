package org.scopeflow.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.scopeflow.ingest.CatalogRejectedException;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.CatalogUnavailableException;
import org.scopeflow.ingest.LandedFile;
import org.scopeflow.ingest.config.AgentSettings;
import org.scopeflow.server.api.AgentApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's catalog when it reports to a Scopeflow server ({@code server: {url, token, storage_roots}}):
 * the agent registers on first use, then sends each landed file as a {@code verified} file event of the
 * server's agent contract (server/README.md) with its instrument (the watch name), session, version, every
 * checksum, its metadata, and the acquisition values of sidecars for the session.
 *
 * <p>Failures: an unreachable server, a timeout, 5xx or 429 → {@link CatalogUnavailableException} (the
 * agent keeps the files verified in its journal and retries; nothing is cleaned up before the server has
 * committed). A refused token (401/403), an agent name of another account or a storage root the server
 * does not know → a {@link UserFacingException} that stops the agent (see {@link #onFatal}). An event the
 * server refuses → {@link CatalogRejectedException} naming that file and the server's reason.
 *
 * <p>Thread-safe: transfer threads record while the heartbeat thread reports.
 */
final class ServerCatalogSink implements CatalogSink {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCatalogSink.class);
    /** Half the server's default request limit (1 MiB), so that a batch fits with room to spare. */
    static final int MAX_BODY_BYTES = 512 * 1024;
    private static final Duration EVENTS_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(15);
    private static final String NO_INSTRUMENT = "no instrument named";
    private final ObjectMapper json = new ObjectMapper();
    private final AgentSettings.ServerTarget target;
    private final AgentIdentity identity;
    private final ServerClient client;
    private Long agentId;
    private volatile UserFacingException fatal;
    private volatile Runnable onFatal;

    /**
     * @param name       registered agent name
     * @param hostname   this machine's name
     * @param version    agent software version
     * @param instrument the agent's default instrument (its only watch), or null
     */
    record AgentIdentity(String name, String hostname, String version, String instrument) {}

    ServerCatalogSink(AgentSettings.ServerTarget target, AgentIdentity identity) {
        this.target = target;
        this.identity = identity;
        this.client = new ServerClient(target.url(), target.token(), "scopeflow-agent/" + identity.version());
    }

    /**
     * Registers now, so that a wrong token, URL, agent name or storage root stops the agent before it
     * transfers anything. An unreachable server is only logged: the agent transfers meanwhile and
     * registers when the server answers.
     *
     * @throws UserFacingException (exit 2) when the server refuses the agent
     */
    void connect() {
        try {
            agentId();
        } catch (CatalogUnavailableException e) {
            LOG.warn("{}; transferring anyway: files stay verified in the journal and are recorded once the server answers",
                    e.getMessage());
        }
    }

    /**
     * Runs {@code listener} (once, from whichever thread met it) when a failure makes further work
     * pointless. Before a listener is set (while {@link #connect} runs) the failure is only thrown.
     */
    void onFatal(Runnable listener) {
        this.onFatal = listener;
    }

    /** The failure that stopped the agent, if any. */
    Optional<UserFacingException> fatalError() {
        return Optional.ofNullable(fatal);
    }

    /** Sessions are opened by the server with their first file event (found by instrument and name). */
    @Override
    public void ensureSession(String watchName, String sessionName) {
        // nothing to do before record(): the file events carry instrument and session
    }

    @Override
    public void record(List<LandedFile> files) throws CatalogUnavailableException, CatalogRejectedException {
        Map<String, String> refused = new LinkedHashMap<>();
        List<LandedFile> sendable = new ArrayList<>();
        List<byte[]> events = new ArrayList<>();
        for (LandedFile f : files) {
            Optional<Map.Entry<String, Path>> root = target.storageRootOf(f.storageRoot());
            if (root.isEmpty()) {
                refused.put(f.catalogKey(), "storage root " + f.storageRoot() + " is inside none of server.storage_roots");
                continue;
            }
            sendable.add(f);
            events.add(bytes(FileEventEncoder.event(json, f, root.get().getKey(), root.get().getValue())));
        }
        for (int from = 0, to; from < sendable.size(); from = to) {
            to = batchEnd(events, from);
            send(sendable.subList(from, to), events.subList(from, to), refused);
        }
        if (!refused.isEmpty()) {
            throw new CatalogRejectedException(refused);
        }
    }

    /**
     * Reports the agent's transfer status.
     *
     * @param lastError the most recent failure, or null; shortened to 1000 characters
     */
    void heartbeat(long backlogFiles, long backlogBytes, double bytesPerSecond, String lastError) throws CatalogUnavailableException {
        ObjectNode body = json.createObjectNode().put("backlog_files", backlogFiles).put("backlog_bytes", backlogBytes)
                .put("transfer_rate_bytes_per_second", bytesPerSecond)
                .put("last_error", lastError == null ? null : shorten(lastError, 1000));
        ServerClient.Response r = postAsAgent("/heartbeat", bytes(body), SHORT_TIMEOUT);
        if (!r.ok()) {
            throw new CatalogUnavailableException("server " + client.url() + " answered " + r.status() + " to the heartbeat: " + r.detail());
        }
    }

    private int batchEnd(List<byte[]> events, int from) {
        int to = from;
        long bytes = 0;
        while (to < events.size() && to - from < AgentApi.MAX_EVENTS_PER_BATCH
                && (to == from || bytes + events.get(to).length + 1 <= MAX_BODY_BYTES)) {
            bytes += events.get(to).length + 1;
            to++;
        }
        return to;
    }

    /** Sends one batch; refused events (or a refused batch) are added to {@code refused}. */
    private void send(List<LandedFile> files, List<byte[]> events, Map<String, String> refused) throws CatalogUnavailableException {
        ServerClient.Response r = postAsAgent("/file-events", FileEventEncoder.batch(events), EVENTS_TIMEOUT);
        if (r.status() == 413 && files.size() > 1) {
            int half = files.size() / 2;
            send(files.subList(0, half), events.subList(0, half), refused);
            send(files.subList(half, files.size()), events.subList(half, events.size()), refused);
            return;
        }
        if (!r.ok()) {
            String why = "server " + client.url() + " refused the batch (" + r.status() + "): " + r.detail();
            files.forEach(f -> refused.put(f.catalogKey(), why));
            return;
        }
        Map<Integer, JsonNode> results = new HashMap<>();
        r.json().path("results").forEach(result -> results.put(result.path("index").asInt(-1), result));
        for (int i = 0; i < files.size(); i++) {
            JsonNode result = results.get(i);
            if (result == null) {
                refused.put(files.get(i).catalogKey(), "server " + client.url() + " answered no result for this file");
            } else if (result.path("error").isTextual()) {
                refused.put(files.get(i).catalogKey(), result.path("error").asText());
            }
        }
    }

    /** POSTs to {@code /api/agents/{id}<suffix>}, registering again once if the server forgot the agent (404). */
    private ServerClient.Response postAsAgent(String suffix, byte[] body, Duration timeout) throws CatalogUnavailableException {
        long id = agentId();
        ServerClient.Response r = post("/api/agents/" + id + suffix, body, timeout);
        if (r.status() == 404) {
            LOG.warn("server {}: {}; registering again", client.url(), r.detail());
            forget(id);
            r = post("/api/agents/" + agentId() + suffix, body, timeout);
        }
        return r;
    }

    private ServerClient.Response post(String path, byte[] body, Duration timeout) throws CatalogUnavailableException {
        UserFacingException stopped = fatal;
        if (stopped != null) {
            throw stopped;
        }
        try {
            return client.post(path, body, timeout);
        } catch (UserFacingException e) {
            throw fatal(e);
        }
    }

    private synchronized long agentId() throws CatalogUnavailableException {
        if (agentId == null) {
            agentId = register();
        }
        return agentId;
    }

    private synchronized void forget(long id) {
        if (agentId != null && agentId == id) {
            agentId = null;
        }
    }

    private long register() throws CatalogUnavailableException {
        ServerClient.Response r = post("/api/agents/register", bytes(registration(identity.instrument())), SHORT_TIMEOUT);
        if (r.status() == 400 && identity.instrument() != null && r.detail().contains(NO_INSTRUMENT)) {
            LOG.warn("server {}: {}; registering agent {} without an instrument — files of watch {} are refused until the "
                    + "server has that instrument", client.url(), r.detail(), identity.name(), identity.instrument());
            r = post("/api/agents/register", bytes(registration(null)), SHORT_TIMEOUT);
        }
        if (r.status() == 409) {
            throw fatal(new UserFacingException("server " + client.url() + ": " + r.detail() + " (agent name '" + identity.name()
                    + "'); set server.agent_name to a name of its own", ExitCodes.USAGE));
        }
        if (!r.ok()) {
            throw fatal(new UserFacingException("server " + client.url() + " refused to register agent '" + identity.name() + "' ("
                    + r.status() + "): " + r.detail() + "; check server.url (the Scopeflow server's base URL)", ExitCodes.USAGE));
        }
        JsonNode answer = r.json();
        checkStorageRoots(answer.path("storage_roots"));
        long id = answer.path("id").asLong();
        LOG.info("agent {} registered at {} (agent id {})", identity.name(), client.url(), id);
        return id;
    }

    /** Every configured storage-root name must exist on the server, or every landed file would be refused. */
    private void checkStorageRoots(JsonNode known) {
        if (!known.isArray()) {
            return;
        }
        Set<String> names = new TreeSet<>();
        known.forEach(n -> names.add(n.asText()));
        Set<String> missing = new TreeSet<>(target.storageRoots().keySet());
        missing.removeAll(names);
        if (!missing.isEmpty()) {
            throw fatal(new UserFacingException("server.storage_roots: " + String.join(", ", missing) + " is not a storage root of "
                    + "the server " + client.url() + ", which has: " + String.join(", ", names)
                    + "; use the server's names (its configuration's storage_roots)", ExitCodes.USAGE));
        }
    }

    private UserFacingException fatal(UserFacingException e) {
        boolean first;
        synchronized (this) {
            first = fatal == null;
            if (first) {
                fatal = e;
            }
        }
        Runnable listener = onFatal;
        if (first && listener != null) {
            LOG.error("{}; stopping the agent", e.getMessage());
            listener.run();
        }
        return e;
    }

    private ObjectNode registration(String instrument) {
        return json.createObjectNode().put("name", identity.name()).put("hostname", shorten(identity.hostname(), 400))
                .put("version", shorten(identity.version(), 100)).put("instrument", instrument);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for the server: " + e.getOriginalMessage(), e);
        }
    }

    private static String shorten(String s, int maxChars) {
        return s == null || s.length() <= maxChars ? s : s.substring(0, maxChars - 1) + "…";
    }

    /** Nothing to release: the JDK's HTTP client of Java 17 has no close. */
    @Override
    public void close() {
    }
}
