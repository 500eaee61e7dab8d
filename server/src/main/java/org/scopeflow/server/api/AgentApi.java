package org.scopeflow.server.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Session;
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

    record FileEvent(String session, String relativePath, Long sizeBytes, String checksumAlgorithm, String checksumHex,
                     Instant sourceMtime, String event, String storageRoot) {}

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
                    ctx.json(Ids.catalog(() -> agents.register(name, p.userId(), instrumentId, r.hostname(), r.version())));
                }),
                ApiRoute.post("/api/agents/{id}/heartbeat", Access.AGENT, "Report liveness and transfer status", (ctx, p) -> {
                    Agent a = own(Ids.path(ctx, "id"), p);
                    HeartbeatRequest r = services.bodies().read(ctx, HeartbeatRequest.class);
                    agents.heartbeat(a.id(), r.backlogFiles(), r.backlogBytes(), r.transferRateBytesPerSecond(), r.lastError());
                    ctx.json(Map.of("server_time", services.clock().instant()));
                }),
                ApiRoute.post("/api/agents/{id}/file-events", Access.AGENT, "Report files seen (registered) and transferred (landed)", (ctx, p) -> {
                    Agent a = own(Ids.path(ctx, "id"), p);
                    List<FileEvent> events = Ids.parse("events", services.bodies().read(ctx, FileEvents.class).events(), x -> x);
                    if (events.size() > MAX_EVENTS_PER_BATCH) {
                        throw ProblemException.badRequest(events.size() + " events in one batch; send at most " + MAX_EVENTS_PER_BATCH);
                    }
                    List<EventResult> results = new ArrayList<>();
                    for (int i = 0; i < events.size(); i++) {
                        results.add(apply(a, i, events.get(i)));
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

    private EventResult apply(Agent agent, int index, FileEvent e) {
        try {
            Session s = session(agent, required("session", e.session()));
            Checksum sum = e.checksumAlgorithm() == null ? null : new Checksum(e.checksumAlgorithm(), required("checksum_hex", e.checksumHex()));
            FileRecord f = services.catalog().files().register(new NewFile(s.id(), null, required("relative_path", e.relativePath()),
                    required("size_bytes", e.sizeBytes()), sum, e.sourceMtime()));
            String event = e.event() == null ? "registered" : e.event();
            if (event.equals("landed")) {
                f = land(f, required("storage_root", e.storageRoot()), required("checksum", sum));
            } else if (!event.equals("registered")) {
                throw new IllegalArgumentException("event '" + event + "' is not 'registered' or 'landed'");
            }
            return new EventResult(index, f.id(), s.id(), f.state().label(), null);
        } catch (IllegalArgumentException | IllegalStateException ex) {
            return new EventResult(index, null, null, null, ex.getMessage());
        }
    }

    private FileRecord land(FileRecord f, String root, Checksum sum) {
        if (!services.settings().storageRoots().containsKey(root)) {
            throw new IllegalArgumentException("storage root '" + root + "' is not configured on the server; configured: "
                    + String.join(", ", services.settings().storageRoots().keySet()));
        }
        if (f.state() != FileState.REGISTERED && sum.equals(f.checksum()) && root.equals(f.storageRoot())) {
            return f;
        }
        return services.catalog().files().markLanded(f.id(), root, sum);
    }

    private Session session(Agent agent, String name) {
        return services.catalog().sessions().findByName(agent.instrumentId(), name).orElseGet(() -> {
            try {
                return services.catalog().sessions().create(new NewSession(name, null, agent.instrumentId(), null, services.clock().instant()));
            } catch (IllegalStateException raced) {
                return services.catalog().sessions().findByName(agent.instrumentId(), name).orElseThrow(() -> raced);
            }
        });
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
        return value;
    }

    private static String validName(String name) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}")) {
            throw new IllegalArgumentException("agent name '" + name + "' must be 1–200 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
