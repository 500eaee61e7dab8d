package org.scopeflow.pipeline.job;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Pipeline runs (a pipeline attached to a session) in the catalog. Thread-safe. */
public final class RunRepository {
    private static final String COLUMNS = "id, session_id, pipeline_name, spec_yaml, input_root, work_root, state";
    private final Jdbi jdbi;
    private final Clock clock;

    public RunRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Attaches a pipeline to a session, or returns the existing run of that pipeline name (whose
     * stored YAML is kept: changing a running pipeline is a rerun, not a silent edit).
     */
    public PipelineRun attach(long sessionId, String pipelineName, String specYaml, Path inputRoot, Path workRoot) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO pipeline_runs (session_id, pipeline_name, spec_yaml, input_root, "
                        + "work_root, state, created_at) VALUES (:session, :name, :yaml, :input, :work, 'open', :now) "
                        + "ON CONFLICT DO NOTHING")
                .bind("session", sessionId).bind("name", pipelineName).bind("yaml", specYaml)
                .bind("input", inputRoot.toAbsolutePath().toString()).bind("work", workRoot.toAbsolutePath().toString())
                .bind("now", clock.instant()).execute());
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pipeline_runs WHERE session_id = :s AND pipeline_name = :n")
                .bind("s", sessionId).bind("n", pipelineName).map(RunRepository::run).one());
    }

    public Optional<PipelineRun> find(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pipeline_runs WHERE id = :id")
                .bind("id", runId).map(RunRepository::run).findOne());
    }

    /** Runs that may still have work: open, or closed with unfinished jobs or no final jobs yet. */
    public List<PipelineRun> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pipeline_runs ORDER BY id")
                .map(RunRepository::run).list());
    }

    public List<PipelineRun> ofSession(long sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pipeline_runs WHERE session_id = :s ORDER BY id")
                .bind("s", sessionId).map(RunRepository::run).list());
    }

    /** Marks the run closed: no new items will come, so batches flush and final steps may run. */
    public void close(long runId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE pipeline_runs SET state = 'closed', closed_at = :now "
                        + "WHERE id = :id AND state = 'open'")
                .bind("now", clock.instant()).bind("id", runId).execute());
    }

    private static PipelineRun run(ResultSet rs, StatementContext ctx) throws SQLException {
        return new PipelineRun(rs.getLong("id"), rs.getLong("session_id"), rs.getString("pipeline_name"),
                rs.getString("spec_yaml"), Path.of(rs.getString("input_root")), Path.of(rs.getString("work_root")),
                "closed".equals(rs.getString("state")));
    }
}
