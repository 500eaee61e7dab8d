package org.scopeflow.server.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Page;
import org.scopeflow.model.Session;
import org.scopeflow.model.SessionState;
import org.scopeflow.server.Services;
import org.scopeflow.server.api.Views.FileView;
import org.scopeflow.server.api.Views.MetadataView;
import org.scopeflow.server.api.Views.SessionView;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.PageRequest;
import org.scopeflow.server.http.Paged;
import org.scopeflow.server.http.ProblemException;
import org.scopeflow.server.query.MetricKeys;
import org.scopeflow.server.query.MetricPoint;
import org.scopeflow.server.query.SessionQueries;
import org.scopeflow.server.query.SessionRow;

/** Sessions, their files, metrics and comments. Members see only their projects' sessions. */
public final class SessionApi {
    private final Services services;
    private final SessionQueries queries;
    private final CommentStore comments;
    private final Visible visible;
    private final org.scopeflow.server.query.JobQueries jobs;
    private static final java.util.Set<String> JOB_STATES =
            java.util.Set.of("queued", "submitted", "running", "succeeded", "failed", "cancelled", "skipped");

    public SessionApi(Services services, SessionQueries queries) {
        this.services = services;
        this.queries = queries;
        this.comments = new CommentStore(services.catalog().jdbi(), services.clock());
        this.visible = new Visible(services);
        this.jobs = new org.scopeflow.server.query.JobQueries(services.catalog().jdbi());
    }

    record NewSessionRequest(String name, Long projectId, Long instrumentId, String operator, Instant startedAt) {}

    record StateRequest(String state) {}

    record ProjectRequest(Long projectId) {}

    record MetadataRequest(List<ValueRequest> values) {}

    record ValueRequest(String key, Double value, String text, String unit) {}

    record CommentRequest(String body) {}

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/sessions", Access.PROJECT, "Sessions the caller may see, with progress counts", (ctx, p) -> {
                    PageRequest page = PageRequest.from(ctx);
                    ctx.json(Paged.of(queries.visibleSessions(p, page.afterId(), page.limit()), page.limit(), SessionRow::id));
                }),
                ApiRoute.get("/api/sessions/{id}", Access.PROJECT, "One session",
                        (ctx, p) -> ctx.json(SessionView.of(session(ctx, p)))),
                ApiRoute.get("/api/sessions/{id}/summary", Access.PROJECT, "Progress counts and metric aggregates of a session", (ctx, p) -> {
                    Session s = session(ctx, p);
                    ctx.json(queries.summary(s.id()).orElseThrow());
                }),
                ApiRoute.post("/api/sessions", Access.STAFF, "Open a session", (ctx, p) -> {
                    NewSessionRequest r = services.bodies().read(ctx, NewSessionRequest.class);
                    Instant started = r.startedAt() == null ? services.clock().instant() : r.startedAt();
                    NewSession ns = Ids.parse("name", r.name(), n -> new NewSession(n, r.projectId(), r.instrumentId(), r.operator(), started));
                    ctx.status(201).json(SessionView.of(Ids.catalog(() -> services.catalog().sessions().create(ns))));
                }),
                ApiRoute.post("/api/sessions/{id}/state", Access.STAFF, "Change a session's state (open, closed, archived, purged)", (ctx, p) -> {
                    Session s = session(ctx, p);
                    SessionState target = Ids.parse("state", services.bodies().read(ctx, StateRequest.class).state(), SessionState::fromLabel);
                    ctx.json(SessionView.of(Ids.catalog(() -> services.catalog().sessions().changeState(s.id(), target))));
                }),
                ApiRoute.put("/api/sessions/{id}/project", Access.STAFF, "Assign a session to a project", (ctx, p) -> {
                    Session s = session(ctx, p);
                    long projectId = Ids.parse("project_id", services.bodies().read(ctx, ProjectRequest.class).projectId(), x -> x);
                    ctx.json(SessionView.of(Ids.catalog(() -> services.catalog().sessions().assignProject(s.id(), projectId))));
                }),
                ApiRoute.get("/api/sessions/{id}/files", Access.PROJECT, "Files of a session, by id", (ctx, p) -> {
                    Session s = session(ctx, p);
                    PageRequest page = PageRequest.from(ctx);
                    Page<FileRecord> rows = services.catalog().files().listBySession(s.id(), page.afterId(), page.limit());
                    ctx.json(CatalogApi.paged(rows.items().stream().map(FileView::of).toList(), rows.nextCursor()));
                }),
                ApiRoute.get("/api/sessions/{id}/metrics", Access.PROJECT, "Per-movie metric values (keys=a,b to choose), by metadata id", (ctx, p) -> {
                    Session s = session(ctx, p);
                    PageRequest page = PageRequest.from(ctx);
                    List<MetricPoint> points = queries.metrics(s.id(), keys(ctx), page.afterId(), page.limit());
                    ctx.json(Paged.of(points, page.limit(), MetricPoint::id));
                }),
                ApiRoute.get("/api/sessions/{id}/jobs", Access.PROJECT, "Pipeline jobs of a session (state=failed to filter), with stderr tails", (ctx, p) -> {
                    Session s = session(ctx, p);
                    String state = ctx.queryParam("state");
                    if (state != null && !JOB_STATES.contains(state)) {
                        throw ProblemException.badRequest("state '" + state + "' is not one of " + new java.util.TreeSet<>(JOB_STATES));
                    }
                    PageRequest page = PageRequest.from(ctx);
                    ctx.json(Paged.of(jobs.list(s.id(), state, page.afterId(), page.limit()), page.limit(),
                            org.scopeflow.server.query.JobQueries.JobRow::id));
                }),
                ApiRoute.get("/api/sessions/{id}/comments", Access.PROJECT, "Comments on a session", (ctx, p) -> {
                    Session s = session(ctx, p);
                    ctx.json(new Paged<>(comments.list(s.id()), null));
                }),
                ApiRoute.post("/api/sessions/{id}/comments", Access.PROJECT, "Comment on a session", (ctx, p) -> {
                    Session s = session(ctx, p);
                    String body = Ids.parse("body", services.bodies().read(ctx, CommentRequest.class).body(), CommentStore::validBody);
                    ctx.status(201).json(comments.add(s.id(), p, body));
                }),
                ApiRoute.get("/api/files/{id}", Access.PROJECT, "One file with its metadata", (ctx, p) -> {
                    FileRecord f = file(ctx, p);
                    ctx.json(Map.of("file", FileView.of(f), "metadata",
                            services.catalog().metadata().list(MetadataOwner.FILE, f.id()).stream().map(MetadataView::of).toList()));
                }),
                ApiRoute.put("/api/files/{id}/metadata", Access.STAFF, "Set metadata values or metrics of a file", (ctx, p) -> {
                    FileRecord f = file(ctx, p);
                    MetadataRequest r = services.bodies().read(ctx, MetadataRequest.class);
                    List<MetadataValue> values = new ArrayList<>();
                    for (ValueRequest v : Ids.parse("values", r.values(), x -> x)) {
                        values.add(Ids.parse("values." + v.key(), v, x -> new MetadataValue(MetadataOwner.FILE, f.id(), x.key(), x.value(), x.text(), x.unit())));
                    }
                    Ids.catalog(() -> {
                        services.catalog().metadata().putAll(values);
                        return null;
                    });
                    ctx.status(204);
                }));
    }

    private static List<String> keys(Context ctx) {
        String raw = ctx.queryParam("keys");
        if (raw == null || raw.isBlank()) {
            return MetricKeys.keys();
        }
        List<String> keys = Arrays.stream(raw.split(",")).map(String::trim).filter(k -> !k.isEmpty()).toList();
        for (String k : keys) {
            if (k.length() > 200) {
                throw ProblemException.badRequest("metric key '" + k.substring(0, 40) + "…' is longer than 200 characters");
            }
        }
        return keys;
    }

    Session session(Context ctx, Principal p) {
        return visible.session(Ids.path(ctx, "id"), p);
    }

    FileRecord file(Context ctx, Principal p) {
        return visible.file(Ids.path(ctx, "id"), p);
    }
}
