package org.scopeflow.server.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.Project;
import org.scopeflow.server.Services;
import org.scopeflow.server.api.CommentStore;
import org.scopeflow.server.api.Views;
import org.scopeflow.server.api.Visible;
import org.scopeflow.server.auth.LoginFlow;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.auth.SecretTokens;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.PageRequest;
import org.scopeflow.server.http.ProblemException;
import org.scopeflow.server.query.MetricKeys;
import org.scopeflow.server.query.MetricPoint;
import org.scopeflow.server.query.SessionQueries;
import org.scopeflow.server.query.SessionRow;

/**
 * The web pages: login, sessions list, session dashboard, file detail, projects. Server-rendered
 * (jte); htmx refreshes the sessions table; the dashboard plots with Chart.js and follows the
 * session's live event stream.
 */
public final class WebPages {
    static final String LOGIN_CSRF_COOKIE = "scopeflow_login_csrf";
    private static final int DASHBOARD_POINTS_MAX = 500_000;
    private final Services services;
    private final SessionQueries queries;
    private final Visible visible;
    private final LoginFlow login;
    private final CommentStore comments;
    private final org.scopeflow.server.query.JobQueries jobs;
    private final org.scopeflow.server.api.AgentStore agents;

    public WebPages(Services services, SessionQueries queries) {
        this.services = services;
        this.queries = queries;
        this.visible = new Visible(services);
        this.login = new LoginFlow(services);
        this.comments = new CommentStore(services.catalog().jdbi(), services.clock());
        this.jobs = new org.scopeflow.server.query.JobQueries(services.catalog().jdbi());
        this.agents = new org.scopeflow.server.api.AgentStore(services.catalog().jdbi(), services.clock());
    }

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/", Access.USER, "Home: the sessions list", (ctx, p) -> ctx.redirect("/sessions")),
                ApiRoute.get("/login", Access.PUBLIC, "Login page", (ctx, p) -> loginPage(ctx, null)),
                ApiRoute.post("/login", Access.PUBLIC, "Login form", this::loginSubmit),
                ApiRoute.post("/logout", Access.USER, "Logout form", (ctx, p) -> {
                    login.logout(ctx);
                    ctx.redirect("/login");
                }),
                ApiRoute.get("/sessions", Access.PROJECT, "Sessions list", (ctx, p) -> {
                    PageRequest page = PageRequest.from(ctx);
                    List<SessionRow> rows = queries.visibleSessions(p, page.afterId(), page.limit());
                    Map<String, Object> params = frame("Sessions", p);
                    params.put("sessions", rows.size() > page.limit() ? rows.subList(0, page.limit()) : rows);
                    params.put("nextCursor", rows.size() > page.limit() ? Long.toString(rows.get(page.limit() - 1).id()) : null);
                    Templates.page(ctx, "sessions.jte", params);
                }),
                ApiRoute.get("/sessions/table", Access.PROJECT, "Sessions table (htmx fragment)", (ctx, p) ->
                        Templates.page(ctx, "session_table.jte", Map.of("sessions", queries.visibleSessions(p, 0, PageRequest.DEFAULT_LIMIT)))),
                ApiRoute.get("/sessions/{id}", Access.PROJECT, "Session dashboard", this::dashboard),
                ApiRoute.post("/sessions/{id}/comments", Access.PROJECT, "Comment form", (ctx, p) -> {
                    long id = visible.session(Visible.pathId(ctx, "id"), p).id();
                    String body = ctx.formParam("body");
                    if (body == null || body.isBlank() || body.length() > 4000) {
                        throw ProblemException.badRequest("a comment has 1–4000 characters");
                    }
                    comments.add(id, p, body);
                    ctx.redirect("/sessions/" + id);
                }),
                ApiRoute.get("/sessions/{id}/gallery", Access.PROJECT, "Latest micrographs (htmx fragment)", (ctx, p) -> {
                    long id = visible.session(Visible.pathId(ctx, "id"), p).id();
                    Templates.page(ctx, "gallery.jte", Map.of("thumbnails", queries.latestThumbnails(id, 24)));
                }),
                ApiRoute.get("/sessions/{id}/jobs", Access.PROJECT, "Job counts and failures (htmx fragment)", (ctx, p) -> {
                    long id = visible.session(Visible.pathId(ctx, "id"), p).id();
                    Templates.page(ctx, "jobs.jte", jobParams(id));
                }),
                ApiRoute.get("/files/{id}", Access.PROJECT, "Movie detail", this::filePage),
                ApiRoute.get("/projects", Access.PROJECT, "Projects list", (ctx, p) -> {
                    Map<String, Object> params = frame("Projects", p);
                    List<Views.ProjectView> projects = services.catalog().projects().list(0, 1000).items().stream()
                            .filter(x -> p.canRead(x.id())).map(Views.ProjectView::of).toList();
                    params.put("projects", projects);
                    Templates.page(ctx, "projects.jte", params);
                }),
                ApiRoute.get("/projects/{id}", Access.PROJECT, "Project page", this::projectPage));
    }

    private Map<String, Object> frame(String title, Principal p) {
        Map<String, Object> params = new HashMap<>();
        params.put("page", PageFrame.of(title, p));
        return params;
    }

    private void loginPage(Context ctx, String error) {
        String token = SecretTokens.generate("");
        ctx.cookie(new Cookie(LOGIN_CSRF_COOKIE, token, "/login", 3600, services.settings().secureCookies(), true, null, SameSite.STRICT));
        Map<String, Object> params = frame("Log in", null);
        String next = ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next");
        params.put("next", safeNext(next));
        params.put("loginCsrf", token);
        params.put("error", error);
        if (error != null) {
            ctx.status(401);
        }
        Templates.page(ctx, "login.jte", params);
    }

    private void loginSubmit(Context ctx, Principal ignored) {
        if (!SecretTokens.sameSecret(ctx.cookie(LOGIN_CSRF_COOKIE), ctx.formParam("csrf"))) {
            loginPage(ctx, "The login form expired; please log in again.");
            return;
        }
        if (login.login(ctx, ctx.formParam("username"), ctx.formParam("password")).isEmpty()) {
            loginPage(ctx, "User name or password is wrong.");
            return;
        }
        ctx.redirect(safeNext(ctx.formParam("next")));
    }

    /** Only local paths, so that the login form cannot redirect to another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
            return "/sessions";
        }
        return next;
    }

    private void dashboard(Context ctx, Principal p) throws JsonProcessingException {
        long id = visible.session(Visible.pathId(ctx, "id"), p).id();
        SessionRow row = queries.summary(id).orElseThrow().session();
        long[] heads = queries.heads(id);
        // [file id, value] pairs; the value as a float (7 significant digits, plenty for a plot) keeps
        // the page of a 10,000-movie session small.
        Map<String, List<Object[]>> series = new LinkedHashMap<>();
        MetricKeys.keys().forEach(k -> series.put(k, new java.util.ArrayList<>()));
        long afterMetric = 0;
        for (MetricPoint m : queries.metrics(id, MetricKeys.keys(), 0, DASHBOARD_POINTS_MAX)) {
            series.get(m.key()).add(new Object[] {m.fileId(), (float) m.value()});
            afterMetric = Math.max(afterMetric, m.id());
        }
        Map<String, Object> params = frame("Session " + row.name(), p);
        params.put("s", row);
        params.put("metricsJson", services.json().writeValueAsString(series));
        params.put("thresholdsJson", services.json().writeValueAsString(MetricKeys.PLOTTED));
        params.put("afterFile", heads[0]);
        params.put("afterMetric", Math.max(afterMetric, heads[1]));
        params.put("thumbnails", queries.latestThumbnails(id, 24));
        params.put("classes", queries.sessionImage(id, MetricKeys.named(MetricKeys.SESSION_IMAGES, "classes").orElseThrow().key()).orElse(null));
        params.put("comments", comments.list(id));
        Long instrument = row.instrumentId();
        params.put("agents", instrument == null ? List.of() : agents.list().stream()
                .filter(a -> instrument.equals(a.instrumentId())).toList());
        params.put("now", services.clock().instant());
        params.putAll(jobParams(id));
        Templates.page(ctx, "session.jte", params);
    }

    private Map<String, Object> jobParams(long sessionId) {
        Map<String, Object> params = new HashMap<>();
        params.put("jobCounts", jobs.countsByState(sessionId));
        params.put("failures", jobs.latestFailures(sessionId, 20));
        return params;
    }

    private void filePage(Context ctx, Principal p) {
        FileRecord f = visible.file(Visible.pathId(ctx, "id"), p);
        var metadata = services.catalog().metadata().list(MetadataOwner.FILE, f.id());
        Map<String, Object> params = frame(f.relativePath(), p);
        params.put("file", Views.FileView.of(f));
        params.put("metadata", metadata.stream().map(Views.MetadataView::of).toList());
        params.put("images", MetricKeys.IMAGES.stream()
                .filter(i -> metadata.stream().anyMatch(m -> m.key().equals(i.key()))).toList());
        Templates.page(ctx, "file.jte", params);
    }

    private void projectPage(Context ctx, Principal p) {
        long id = Visible.pathId(ctx, "id");
        Project project = services.catalog().projects().find(id).filter(x -> p.canRead(x.id()))
                .orElseThrow(() -> ProblemException.notFound("no project with id " + id + " that you can see"));
        Map<String, Object> params = frame("Project " + project.name(), p);
        params.put("project", Views.ProjectView.of(project));
        params.put("sessions", queries.projectSessions(id));
        params.put("storage", storage(id));
        params.put("members", services.catalog().projects().members(id).stream()
                .map(m -> Views.MemberView.of(m, services.catalog().users().find(m.userId()).map(u -> u.username()).orElse("?"))).toList());
        Templates.page(ctx, "project.jte", params);
    }

    private List<ProjectStorage> storage(long projectId) {
        return services.catalog().jdbi().withHandle(h -> h.createQuery("SELECT f.storage_root, COUNT(*) AS n, COALESCE(SUM(f.size_bytes), 0) AS b "
                        + "FROM files f JOIN sessions s ON s.id = f.session_id WHERE s.project_id = :p AND f.storage_root IS NOT NULL "
                        + "GROUP BY f.storage_root ORDER BY f.storage_root")
                .bind("p", projectId).map((rs, c) -> new ProjectStorage(rs.getString(1), rs.getLong(2), rs.getLong(3))).list());
    }
}
