package org.scopeflow.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scopeflow.server.Services;
import org.scopeflow.server.api.AgentStore.Agent;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.ProblemException;

/**
 * The ingest agents' endpoints (the contract of the agent's server mode, documented in
 * server/README.md): register, heartbeat with transfer status, and batches of file events. Each
 * event is applied on its own; the answer lists the outcome of every event by index, so that one
 * bad event never loses the others. Events are idempotent: an agent may resend a batch after a
 * lost answer.
 */
public final class AgentApi {
    public static final int MAX_EVENTS_PER_BATCH = 1000;
    private final Services services;
    private final AgentStore agents;

    public AgentApi(Services services) {
        this.services = services;
        this.agents = new AgentStore(services.catalog().jdbi(), services.clock());
    }

    record RegisterRequest(String name, String hostname, String version, String instrument) {}

    record HeartbeatRequest(Long backlogFiles, Long backlogBytes, Double transferRateBytesPerSecond, String lastError) {}

    /**
     * One file event; see server/README.md for each field. {@code instrument} (default: the agent's),
     * {@code version} (default 1), {@code checksums}, {@code metadata} and {@code session_metadata} are optional.
     */
    record FileEvent(String session, String relativePath, Long sizeBytes, String checksumAlgorithm, String checksumHex,
                     Instant sourceMtime, String event, String storageRoot, String instrument, Integer version,
                     Map<String, String> checksums, List<EventValue> metadata, List<EventValue> sessionMetadata) {}

    /** A metadata value of an event: a number with its unit (null = dimensionless), or a text. */
    record EventValue(String key, Double value, String text, String unit) {}

    record FileEvents(List<FileEvent> events) {}

    record EventResult(int index, Long fileId, Long sessionId, String state, String error) {}

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/agents/register", Access.AGENT, "Register (or re-register) an ingest agent", (ctx, p) -> {
                    RegisterRequest r = services.bodies().read(ctx, RegisterRequest.class);
                    String name = Ids.parse("name", r.name(), AgentApi::validName);
                    Long instrumentId = r.instrument() == null ? null : services.catalog().instruments().findByName(r.instrument())
                            .orElseThrow(() -> ProblemException.badRequest("no instrument named '" + r.instrument()
                                    + "'; add it to the facility configuration or POST /api/instruments")).id();
                    Agent a = Ids.catalog(() -> agents.register(name, p.userId(), instrumentId, r.hostname(), r.version()));
                    // The agent checks its storage-root names against these at start, before it transfers anything.
                    ObjectNode body = services.json().valueToTree(a);
                    body.set("storage_roots", services.json().valueToTree(services.settings().storageRoots().keySet()));
                    ctx.json(body);
                }),
                ApiRoute.post("/api/agents/{id}/heartbeat", Access.AGENT, "Report liveness and transfer status", (ctx, p) -> {
                    Agent a = own(Ids.path(ctx, "id"), p);
                    HeartbeatRequest r = services.bodies().read(ctx, HeartbeatRequest.class);
                    agents.heartbeat(a.id(), r.backlogFiles(), r.backlogBytes(), r.transferRateBytesPerSecond(), r.lastError());
                    ctx.json(Map.of("server_time", services.clock().instant()));
                }),
                ApiRoute.post("/api/agents/{id}/file-events", Access.AGENT, "Report files seen (registered) and transferred (landed, verified)", (ctx, p) -> {
                    Agent a = own(Ids.path(ctx, "id"), p);
                    List<FileEvent> events = Ids.parse("events", services.bodies().read(ctx, FileEvents.class).events(), x -> x);
                    if (events.size() > MAX_EVENTS_PER_BATCH) {
                        throw ProblemException.badRequest(events.size() + " events in one batch; send at most " + MAX_EVENTS_PER_BATCH);
                    }
                    FileEventWriter writer = new FileEventWriter(services, a);
                    List<EventResult> results = new ArrayList<>();
                    for (int i = 0; i < events.size(); i++) {
                        results.add(writer.apply(i, events.get(i)));
                    }
                    ctx.json(Map.of("results", results));
                }),
                ApiRoute.get("/api/agents", Access.STAFF, "Agents and their transfer status",
                        (ctx, p) -> ctx.json(Map.of("items", agents.list()))));
    }

    private Agent own(long id, Principal p) {
        return agents.find(id).filter(a -> a.userId() == p.userId() || p.role() == org.scopeflow.server.auth.Role.ADMIN)
                .orElseThrow(() -> ProblemException.notFound("no agent " + id + " registered by this account; POST /api/agents/register first"));
    }

    private static String validName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")) {
            throw new IllegalArgumentException("agent name '" + name + "' must be 1–200 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
