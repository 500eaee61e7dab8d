package org.scopeflow.server.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scopeflow.model.Session;
import org.scopeflow.model.config.ConfigException;
import org.scopeflow.model.config.ConfigProblem;
import org.scopeflow.pipeline.job.PipelineRun;
import org.scopeflow.pipeline.job.RunRepository;
import org.scopeflow.pipeline.spec.PipelineParser;
import org.scopeflow.pipeline.spec.PipelineSpec;
import org.scopeflow.pipeline.spec.PipelineTemplates;
import org.scopeflow.server.query.JobQueries;
import org.scopeflow.server.Services;
import org.scopeflow.server.http.Access;
import org.scopeflow.server.http.ApiRoute;
import org.scopeflow.server.http.ProblemException;

/**
 * The pipelines attached to a session: list them with their job counts, and attach one (a shipped
 * template or a YAML document). Attaching only records the run in the catalog; the pipeline engine
 * of the server (or any engine sharing the catalog) picks it up and processes the session's files,
 * those already landed and those still to come.
 */
public final class PipelinesApi {
    private final Services services;
    private final Visible visible;
    private final RunRepository runs;

    public PipelinesApi(Services services) {
        this.services = services;
        this.visible = new Visible(services);
        this.runs = new RunRepository(services.catalog().jdbi(), services.clock());
    }

    record AttachRequest(String template, String yaml, String storageRoot) {}

    /**
     * A pipeline run of a session.
     *
     * @param jobs job counts by state
     */
    record RunView(long id, long sessionId, String pipelineName, boolean closed, String inputRoot, String workRoot,
                   Map<String, Long> jobs) {}

    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/sessions/{id}/pipelines", Access.PROJECT, "Pipelines attached to a session, with job counts by state",
                        (ctx, p) -> {
                            Session s = visible.session(Ids.path(ctx, "id"), p);
                            ctx.json(Map.of("items", runs.ofSession(s.id()).stream().map(this::view).toList()));
                        }),
                ApiRoute.post("/api/sessions/{id}/pipelines", Access.STAFF,
                        "Attach a pipeline (a shipped template or YAML) to a session; the engine processes its files as they land",
                        (ctx, p) -> {
                            Session s = visible.session(Ids.path(ctx, "id"), p);
                            AttachRequest r = services.bodies().read(ctx, AttachRequest.class);
                            String yaml = yaml(r);
                            PipelineSpec spec = parse(yaml);
                            String rootName = r.storageRoot() != null ? r.storageRoot() : rootOf(s);
                            Path root = services.settings().storageRoots().get(rootName);
                            if (root == null) {
                                throw ProblemException.badRequest("storage_root '" + rootName + "' is not configured; configured: "
                                        + String.join(", ", services.settings().storageRoots().keySet()));
                            }
                            boolean existed = runs.ofSession(s.id()).stream().anyMatch(x -> x.pipelineName().equals(spec.name()));
                            PipelineRun run = runs.attach(s.id(), spec.name(), yaml, root, workRoot(root, s));
                            ctx.status(existed ? 200 : 201).json(view(run));
                        }));
    }

    /** Where a session's job outputs go: under its storage root, so the dashboard can serve the pictures. */
    public static Path workRoot(Path storageRoot, Session s) {
        return storageRoot.resolve("processing").resolve(s.name().replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private String yaml(AttachRequest r) {
        if ((r.template() == null) == (r.yaml() == null)) {
            throw ProblemException.badRequest("give exactly one of 'template' (one of " + String.join(", ", PipelineTemplates.NAMES)
                    + ") or 'yaml' (a pipeline document)");
        }
        if (r.template() != null) {
            return Ids.parse("template", r.template(), PipelineTemplates::yaml);
        }
        return r.yaml();
    }

    private static PipelineSpec parse(String yaml) {
        try {
            return new PipelineParser().parse(yaml, "pipeline");
        } catch (ConfigException e) {
            List<String> lines = new ArrayList<>();
            for (ConfigProblem problem : e.problems()) {
                lines.add(problem.toString());
            }
            throw ProblemException.badRequest("invalid pipeline: " + String.join("; ", lines));
        }
    }

    /** The storage root most of the session's files landed in, else the first configured one. */
    private String rootOf(Session s) {
        return services.catalog().jdbi().withHandle(h -> h.createQuery("SELECT storage_root FROM files WHERE session_id = :s "
                        + "AND storage_root IS NOT NULL AND storage_root <> 'pipeline' GROUP BY storage_root ORDER BY COUNT(*) DESC LIMIT 1")
                .bind("s", s.id()).mapTo(String.class).findOne())
                .filter(services.settings().storageRoots()::containsKey)
                .orElseGet(() -> services.settings().storageRoots().keySet().iterator().next());
    }

    private RunView view(PipelineRun run) {
        Map<String, Long> counts = new TreeMap<>();
        services.catalog().jdbi().useHandle(h -> h.createQuery("SELECT j.state, COUNT(*) FROM pipeline_jobs j WHERE j.run_id = :r " + JobQueries.CURRENT + "GROUP BY j.state")
                .bind("r", run.id()).map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return new RunView(run.id(), run.sessionId(), run.pipelineName(), run.closed(), run.inputRoot().toString(),
                run.workRoot().toString(), counts);
    }
}
