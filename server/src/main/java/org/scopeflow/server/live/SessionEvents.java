package org.scopeflow.server.live;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.scopeflow.model.FileRecord;
import org.scopeflow.server.Services;
import org.scopeflow.server.api.Visible;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.query.MetricKeys;
import org.scopeflow.server.query.MetricPoint;
import org.scopeflow.server.query.SessionQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live updates of a session as Server-Sent Events ({@code GET /api/sessions/{id}/events} with
 * {@code Accept: text/event-stream}). The catalog is the event source: one background thread polls
 * it every {@code ssePollMillis} for files and metric values with ids beyond what each client has
 * seen, so that writes by any process (agent, pipeline, another server on the same PostgreSQL)
 * reach every viewer. Events: {@code file} (a file row), {@code metric} (a metric point),
 * {@code job} (a pipeline job whose state changed, with its stderr tail), {@code summary} (progress counts, after any change). Clients may pass {@code after_file} and
 * {@code after_metric} to resume; by default the stream starts at the current newest rows.
 */
public final class SessionEvents implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);
    private static final int BATCH = 500;
    private final Services services;
    private final SessionQueries queries;
    private final Visible visible;
    private final org.scopeflow.server.query.JobQueries jobs;
    private final Map<SseClient, Cursor> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller;

    private static final class Cursor {
        final long sessionId;
        long fileId;
        long metricId;
        java.time.Instant jobsSince;

        Cursor(long sessionId, long fileId, long metricId, java.time.Instant jobsSince) {
            this.sessionId = sessionId;
            this.fileId = fileId;
            this.metricId = metricId;
            this.jobsSince = jobsSince;
        }
    }

    public SessionEvents(Services services, SessionQueries queries) {
        this.services = services;
        this.queries = queries;
        this.visible = new Visible(services);
        this.jobs = new org.scopeflow.server.query.JobQueries(services.catalog().jdbi());
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scopeflow-sse-poller");
            t.setDaemon(true);
            return t;
        });
        long period = services.settings().ssePollMillis();
        poller.scheduleWithFixedDelay(this::pollAll, period, period, TimeUnit.MILLISECONDS);
        services.stopHooks().add(this);
    }

    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/sessions/{id}/events", Access.PROJECT,
                "Live events of a session (Server-Sent Events: file, metric, summary)", (ctx, p) -> {
                    long sessionId = visible.session(Visible.pathId(ctx, "id"), p).id();
                    long[] heads = queries.heads(sessionId);
                    Cursor cursor = new Cursor(sessionId, param(ctx, "after_file", heads[0]), param(ctx, "after_metric", heads[1]),
                            jobs.latestChange(sessionId));
                    new SseHandler(client -> {
                        client.keepAlive();
                        client.onClose(() -> clients.remove(client));
                        client.sendComment("session " + sessionId);
                        clients.put(client, cursor);
                    }).handle(ctx);
                }));
    }

    private static long param(Context ctx, String name, long fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Math.max(0, Long.parseLong(raw));
        } catch (NumberFormatException e) {
            throw org.scopeflow.server.http.ProblemException.badRequest(name + " '" + raw + "' is not an id");
        }
    }

    /** Number of connected clients. */
    public int clientCount() {
        return clients.size();
    }

    private void pollAll() {
        for (Map.Entry<SseClient, Cursor> e : clients.entrySet()) {
            SseClient client = e.getKey();
            if (client.terminated()) {
                clients.remove(client);
                continue;
            }
            try {
                poll(client, e.getValue());
            } catch (RuntimeException ex) {
                LOG.warn("live events of session {}: poll failed: {}", e.getValue().sessionId, ex.toString());
            }
        }
    }

    private void poll(SseClient client, Cursor c) {
        boolean changed = false;
        List<FileRecord> files = services.catalog().files().listBySession(c.sessionId, c.fileId, BATCH).items();
        for (FileRecord f : files) {
            client.sendEvent("file", org.scopeflow.server.api.Views.FileView.of(f));
            c.fileId = f.id();
            changed = true;
        }
        List<MetricPoint> points = queries.metrics(c.sessionId, MetricKeys.keys(), c.metricId, BATCH);
        for (MetricPoint m : points.subList(0, Math.min(points.size(), BATCH))) {
            client.sendEvent("metric", m);
            c.metricId = m.id();
            changed = true;
        }
        for (var job : jobs.changedSince(c.sessionId, c.jobsSince, BATCH)) {
            client.sendEvent("job", job);
            c.jobsSince = job.updatedAt();
            changed = true;
        }
        if (changed) {
            queries.freshSummary(c.sessionId).ifPresent(s -> client.sendEvent("summary", s.session()));
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        for (SseClient client : clients.keySet()) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("live events: closing a client failed: {}", e.toString());
            }
        }
        clients.clear();
    }
}
