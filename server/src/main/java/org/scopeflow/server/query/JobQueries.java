package org.scopeflow.server.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.server.auth.Times;

/**
 * Read-side queries over the pipeline's jobs tables (pipeline_runs, pipeline_jobs of the pipeline
 * module's V10 migration): counts by state, listings with stderr tails, and changes for live
 * streams. Thread-safe.
 */
public final class JobQueries {
    private static final String COLUMNS = "j.id, j.step_id, j.item_key, j.item_file_id, j.state, j.attempt, j.exit_code, "
            + "j.failure_reason, j.stderr_tail, j.updated_at, j.ended_at FROM pipeline_jobs j JOIN pipeline_runs r ON r.id = j.run_id ";
    /**
     * Only the current generation of each job: after {@code scopeflow pipeline rerun} the older
     * generations stay in the history but no longer count as queued, failed or done.
     */
    public static final String CURRENT = "AND NOT EXISTS (SELECT 1 FROM pipeline_jobs n WHERE n.run_id = j.run_id "
            + "AND n.step_id = j.step_id AND n.item_key = j.item_key AND n.generation > j.generation) ";
    private final Jdbi jdbi;

    public JobQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One job as the API and dashboard show it.
     *
     * @param id            job id
     * @param stepId        pipeline step, e.g. {@code ctf}
     * @param itemKey       {@code file:<id>}, {@code batch:<n>} or {@code final}
     * @param itemFileId    the movie for per-file jobs; null otherwise
     * @param state         queued, submitted, running, succeeded, failed, cancelled, skipped
     * @param attempt       attempts so far
     * @param exitCode      exit code of the last attempt; null before it ends
     * @param failureReason why it failed; null unless failed
     * @param stderrTail    last lines of standard error; may be null
     * @param updatedAt     last state change
     * @param endedAt       end of the last attempt; null while queued or running
     */
    public record JobRow(long id, String stepId, String itemKey, Long itemFileId, String state, int attempt, Integer exitCode,
                         String failureReason, String stderrTail, Instant updatedAt, Instant endedAt) {}

    /** Current jobs of the session per state, e.g. {@code {queued: 3, failed: 1}} (superseded generations left out). */
    public Map<String, Long> countsByState(long sessionId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT j.state, COUNT(*) FROM pipeline_jobs j JOIN pipeline_runs r ON r.id = j.run_id "
                        + "WHERE r.session_id = :s " + CURRENT + "GROUP BY j.state ORDER BY j.state")
                .bind("s", sessionId).map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** Jobs of the session by id after {@code afterId} (optionally of one state), at most {@code limit + 1}. */
    public List<JobRow> list(long sessionId, String state, long afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + "WHERE r.session_id = :s AND j.id > :after "
                        + (state == null ? "" : "AND j.state = :state ") + "ORDER BY j.id LIMIT :n")
                .bind("s", sessionId).bind("after", afterId).bind("state", state).bind("n", limit + 1)
                .map((rs, c) -> row(rs)).list());
    }

    /** The newest failed jobs of the session that a rerun has not superseded, newest first. */
    public List<JobRow> latestFailures(long sessionId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + "WHERE r.session_id = :s AND j.state = 'failed' " + CURRENT
                        + "ORDER BY j.updated_at DESC, j.id DESC LIMIT :n")
                .bind("s", sessionId).bind("n", limit).map((rs, c) -> row(rs)).list());
    }

    /** Jobs of the session changed after {@code since} (null = none yet seen), oldest change first. */
    public List<JobRow> changedSince(long sessionId, Instant since, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + "WHERE r.session_id = :s AND j.updated_at > :t "
                        + "ORDER BY j.updated_at, j.id LIMIT :n")
                .bind("s", sessionId).bind("t", Times.utc(since == null ? Instant.EPOCH : since)).bind("n", limit)
                .map((rs, c) -> row(rs)).list());
    }

    /** Time of the session's latest job change, or null when it has no jobs. */
    public Instant latestChange(long sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MAX(j.updated_at) AS t FROM pipeline_jobs j JOIN pipeline_runs r ON r.id = j.run_id "
                        + "WHERE r.session_id = :s").bind("s", sessionId).map((rs, c) -> Times.read(rs, "t")).one());
    }

    private static JobRow row(ResultSet rs) throws SQLException {
        return new JobRow(rs.getLong("id"), rs.getString("step_id"), rs.getString("item_key"), rs.getObject("item_file_id", Long.class),
                rs.getString("state"), rs.getInt("attempt"), rs.getObject("exit_code", Integer.class), rs.getString("failure_reason"),
                rs.getString("stderr_tail"), Times.read(rs, "updated_at"), Times.read(rs, "ended_at"));
    }
}
