package org.scopeflow.server.api;

import java.util.List;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.Page;
import org.scopeflow.model.Project;
import org.scopeflow.model.ProjectRole;
import org.scopeflow.server.Services;
import org.scopeflow.server.api.Views.InstrumentView;
import org.scopeflow.server.api.Views.MemberView;
import org.scopeflow.server.api.Views.ProjectView;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.PageRequest;
import org.scopeflow.server.http.Paged;
import org.scopeflow.server.http.ProblemException;

/** Instruments, projects and project members. */
public final class CatalogApi {
    private final Services services;

    public CatalogApi(Services services) {
        this.services = services;
    }

    record NewInstrumentRequest(String name, String kind, String detector, Double pixelSizeAngstrom, Double voltageKv) {}

    record NewProjectRequest(String name, String title) {}

    record MemberRequest(String username, String role) {}

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/instruments", Access.USER, "List instruments", (ctx, p) -> {
                    PageRequest page = PageRequest.from(ctx);
                    Page<org.scopeflow.model.Instrument> rows = services.catalog().instruments().list(page.afterId(), page.limit());
                    ctx.json(paged(rows.items().stream().map(InstrumentView::of).toList(), rows.nextCursor()));
                }),
                ApiRoute.get("/api/instruments/{id}", Access.USER, "One instrument", (ctx, p) -> ctx.json(InstrumentView.of(
                        services.catalog().instruments().find(Ids.path(ctx, "id"))
                                .orElseThrow(() -> ProblemException.notFound("no instrument with id " + ctx.pathParam("id")))))),
                ApiRoute.post("/api/instruments", Access.STAFF, "Add an instrument", (ctx, p) -> {
                    NewInstrumentRequest r = services.bodies().read(ctx, NewInstrumentRequest.class);
                    InstrumentKind kind = Ids.parse("kind", r.kind() == null ? "cryo-em" : r.kind(), InstrumentKind::fromLabel);
                    NewInstrument ni = Ids.parse("name", r.name(), n -> new NewInstrument(n, kind, r.detector(), r.pixelSizeAngstrom(), r.voltageKv()));
                    ctx.status(201).json(InstrumentView.of(Ids.catalog(() -> services.catalog().instruments().create(ni))));
                }),
                ApiRoute.get("/api/projects", Access.PROJECT, "List the projects the caller may see", (ctx, p) -> {
                    PageRequest page = PageRequest.from(ctx);
                    ctx.json(visibleProjects(p, page));
                }),
                ApiRoute.get("/api/projects/{id}", Access.PROJECT, "One project", (ctx, p) -> ctx.json(ProjectView.of(project(ctx, p)))),
                ApiRoute.post("/api/projects", Access.STAFF, "Add a project", (ctx, p) -> {
                    NewProjectRequest r = services.bodies().read(ctx, NewProjectRequest.class);
                    Ids.parse("name", r.name(), n -> n);
                    ctx.status(201).json(ProjectView.of(Ids.catalog(() -> services.catalog().projects().create(r.name(), r.title()))));
                }),
                ApiRoute.get("/api/projects/{id}/members", Access.PROJECT, "Members of a project", (ctx, p) -> {
                    Project project = project(ctx, p);
                    ctx.json(new Paged<>(members(project.id()), null));
                }),
                ApiRoute.put("/api/projects/{id}/members", Access.STAFF, "Give a user a role (owner, member, viewer) in a project", (ctx, p) -> {
                    Project project = project(ctx, p);
                    MemberRequest r = services.bodies().read(ctx, MemberRequest.class);
                    ProjectRole role = Ids.parse("role", r.role(), ProjectRole::fromLabel);
                    var user = services.catalog().users().findByUsername(Ids.parse("username", r.username(), u -> u))
                            .orElseThrow(() -> ProblemException.badRequest("no user named '" + r.username() + "'; create it with 'scopeflow user add'"));
                    var m = Ids.catalog(() -> services.catalog().projects().setRole(project.id(), user.id(), role));
                    ctx.json(MemberView.of(m, user.username()));
                }),
                ApiRoute.delete("/api/projects/{id}/members/{user_id}", Access.STAFF, "Remove a user from a project", (ctx, p) -> {
                    Project project = project(ctx, p);
                    if (!services.catalog().projects().removeMember(project.id(), Ids.path(ctx, "user_id"))) {
                        throw ProblemException.notFound("user " + ctx.pathParam("user_id") + " is not a member of project " + project.name());
                    }
                    ctx.status(204);
                }));
    }

    private Paged<ProjectView> visibleProjects(Principal p, PageRequest page) {
        if (p.role().seesAllProjects()) {
            Page<Project> rows = services.catalog().projects().list(page.afterId(), page.limit());
            return paged(rows.items().stream().map(ProjectView::of).toList(), rows.nextCursor());
        }
        List<ProjectView> mine = p.projectIds().stream().sorted().filter(id -> id > page.afterId())
                .map(id -> services.catalog().projects().find(id)).flatMap(java.util.Optional::stream)
                .map(ProjectView::of).limit(page.limit() + 1L).toList();
        return Paged.of(mine, page.limit(), ProjectView::id);
    }

    List<MemberView> members(long projectId) {
        return services.catalog().projects().members(projectId).stream()
                .map(m -> MemberView.of(m, services.catalog().users().find(m.userId()).map(u -> u.username()).orElse("?")))
                .toList();
    }

    /** The project of the path, or 404 when absent or not visible to the caller. */
    Project project(io.javalin.http.Context ctx, Principal p) {
        long id = Ids.path(ctx, "id");
        return services.catalog().projects().find(id).filter(x -> p.canRead(x.id()))
                .orElseThrow(() -> ProblemException.notFound("no project with id " + id + " that you can see"));
    }

    static <T> Paged<T> paged(List<T> items, Long next) {
        return new Paged<>(items, next == null ? null : next.toString());
    }
}
