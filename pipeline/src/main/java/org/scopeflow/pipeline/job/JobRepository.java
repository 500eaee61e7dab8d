package org.scopeflow.pipeline.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.scopeflow.pipeline.spec.Retries;

/**
 * Jobs in the catalog. Every state change is one statement or one transaction, guarded by the state
 * and holder it expects, so that concurrent engines on one database cannot both act on a job:
 * claims use {@code SELECT … FOR UPDATE SKIP LOCKED} and an {@code UPDATE … WHERE state = 'queued'}.
 * Thread-safe.
 */
public final class JobRepository {
    static final String COLUMNS = "id, run_id, step_id, item_key, item_file_id, generation, state, attempt, "
            + "max_attempts, executor, claimed_by, lease_until, external_id, output_dir";

    private final Jdbi jdbi;
    private final Clock clock;

    public JobRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Creates the job unless it exists.
     *
     * @return the new job's id, or empty when it already existed or a batch item was taken by
     *         another batch in the meantime (nothing is then written)
     */
    public Optional<Long> create(NewJob job) {
        try {
            return jdbi.inTransaction(h -> insert(h, job));
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            if (isUniqueViolation(e) && !job.batchFileIds().isEmpty()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    Optional<Long> insert(Handle h, NewJob job) {
        Instant now = clock.instant();
        boolean skipped = job.skipReason() != null;
        Optional<Long> id = h.createUpdate("INSERT INTO pipeline_jobs (run_id, step_id, item_key, item_file_id, "
                        + "generation, state, max_attempts, executor, failure_reason, created_at, updated_at, ended_at) "
                        + "VALUES (:run, :step, :item, :file, :gen, :state, :max, :exec, :reason, :now, :now, :ended) "
                        + "ON CONFLICT DO NOTHING")
                .bind("run", job.runId()).bind("step", job.stepId()).bind("item", job.itemKey())
                .bind("file", job.itemFileId()).bind("gen", job.generation())
                .bind("state", skipped ? JobState.SKIPPED.label() : JobState.QUEUED.label())
                .bind("max", job.maxAttempts()).bind("exec", job.executor()).bind("reason", job.skipReason())
                .bind("now", now).bind("ended", skipped ? now : null)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne();
        if (id.isPresent()) {
            for (Long fileId : job.batchFileIds()) {
                h.createUpdate("INSERT INTO pipeline_job_items (job_id, run_id, step_id, generation, file_id) "
                                + "VALUES (:job, :run, :step, :gen, :file)")
                        .bind("job", id.get()).bind("run", job.runId()).bind("step", job.stepId())
                        .bind("gen", job.generation()).bind("file", fileId).execute();
            }
        }
        return id;
    }

    private static boolean isUniqueViolation(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Claims up to {@code limit} queued jobs whose retry time has come, for executors this engine has.
     * Each claimed job moves to {@code submitted}, its attempt count goes up by one and this engine
     * holds it until {@code now + lease} unless the lease is renewed.
     *
     * @param engineId  unique id of the claiming engine
     * @param executors executor names this engine can run
     */
    public List<Job> claim(String engineId, Set<String> executors, int limit, Duration lease) {
        if (executors.isEmpty() || limit <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM pipeline_jobs WHERE state = 'queued' "
                            + "AND executor IN (<executors>) AND (retry_after IS NULL OR retry_after <= :now) "
                            + "ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .bindList("executors", List.copyOf(executors)).bind("now", now).bind("limit", limit)
                    .mapTo(Long.class).list();
            if (ids.isEmpty()) {
                return List.of();
            }
            h.createUpdate("UPDATE pipeline_jobs SET state = 'submitted', attempt = attempt + 1, claimed_by = :me, "
                            + "lease_until = :lease, submitted_at = :now, started_at = NULL, ended_at = NULL, "
                            + "external_id = NULL, host = NULL, exit_code = NULL, failure_reason = NULL, "
                            + "stdout_tail = NULL, stderr_tail = NULL, updated_at = :now "
                            + "WHERE id IN (<ids>) AND state = 'queued'")
                    .bind("me", engineId).bind("lease", now.plus(lease)).bind("now", now)
                    .bindList("ids", ids).execute();
            return h.createQuery("SELECT " + COLUMNS + " FROM pipeline_jobs WHERE id IN (<ids>) "
                            + "AND claimed_by = :me AND state = 'submitted' ORDER BY id")
                    .bindList("ids", ids).bind("me", engineId).map(JobRepository::job).list();
        });
    }

    /** Parameter overrides of a rerun generation of a step ({@link RerunRepository}); empty when it is none. */
    public Optional<java.util.Map<String, Object>> rerunParameters(long runId, String stepId, int generation) {
        return generation == 1 ? Optional.empty() : new RerunRepository(jdbi, clock).overrides(runId, stepId, generation);
    }

    /** Records what was handed to the executor. Returns false when this engine no longer holds the job. */
    public boolean recordSubmission(long jobId, String engineId, Submission s) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE pipeline_jobs SET external_id = :ext, output_dir = :out, "
                        + "command_line = :cmd, tool_name = :tool, tool_version = :version, parameters_json = :params, "
                        + "updated_at = :now WHERE id = :id AND claimed_by = :me AND state = 'submitted'")
                .bind("ext", s.externalId()).bind("out", s.outputDir()).bind("cmd", s.commandLine())
                .bind("tool", s.toolName()).bind("version", s.toolVersion()).bind("params", s.parametersJson())
                .bind("now", clock.instant()).bind("id", jobId).bind("me", engineId).execute() == 1);
    }

    /** Moves a submitted job to running. Returns false when this engine no longer holds it. */
    public boolean markRunning(long jobId, String engineId, String host, Instant startedAt) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE pipeline_jobs SET state = 'running', host = :host, "
                        + "started_at = :start, updated_at = :now WHERE id = :id AND claimed_by = :me AND state = 'submitted'")
                .bind("host", host).bind("start", startedAt).bind("now", clock.instant())
                .bind("id", jobId).bind("me", engineId).execute() == 1);
    }

    /**
     * Ends the current attempt. A failure with attempts left becomes {@code queued} again with a
     * retry-after time from {@code retries}; every attempt is also kept in the attempts table.
     *
     * @return the job's new state, or empty when this engine no longer holds the job (nothing written)
     */
    public Optional<JobState> finish(Job job, String engineId, JobOutcome outcome, Retries retries) {
        boolean retry = outcome.state() == JobState.FAILED && job.attempt() < job.maxAttempts();
        JobState next = retry ? JobState.QUEUED : outcome.state();
        Instant retryAfter = retry ? outcome.endedAt().plus(retries.backoffBefore(job.attempt())) : null;
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE pipeline_jobs SET state = :state, exit_code = :exit, failure_reason = :reason, cancel_requested = FALSE, "
                            + "stdout_tail = :out, stderr_tail = :err, host = COALESCE(:host, host), "
                            + "started_at = COALESCE(started_at, :start), ended_at = :end, retry_after = :retry, "
                            + "claimed_by = NULL, lease_until = NULL, updated_at = :now "
                            + "WHERE id = :id AND claimed_by = :me AND state IN ('submitted', 'running')")
                    .bind("state", next.label()).bind("exit", outcome.exitCode()).bind("reason", outcome.failureReason())
                    .bind("out", tail(outcome.stdoutTail())).bind("err", tail(outcome.stderrTail()))
                    .bind("host", outcome.host()).bind("start", outcome.startedAt()).bind("end", outcome.endedAt())
                    .bind("retry", retryAfter).bind("now", clock.instant()).bind("id", job.id()).bind("me", engineId)
                    .execute();
            if (n == 0) {
                return Optional.<JobState>empty();
            }
            h.createUpdate("INSERT INTO pipeline_job_attempts (job_id, attempt, outcome, external_id, host, exit_code, "
                            + "failure_reason, stderr_tail, started_at, ended_at) VALUES (:id, :attempt, :outcome, "
                            + "(SELECT external_id FROM pipeline_jobs WHERE id = :id), :host, :exit, :reason, :err, :start, :end) "
                            + "ON CONFLICT DO NOTHING")
                    .bind("id", job.id()).bind("attempt", job.attempt()).bind("outcome", outcome.state().label())
                    .bind("host", outcome.host()).bind("exit", outcome.exitCode()).bind("reason", outcome.failureReason())
                    .bind("err", tail(outcome.stderrTail())).bind("start", outcome.startedAt()).bind("end", outcome.endedAt())
                    .execute();
            return Optional.of(next);
        });
    }

    /** Extends the lease of every active job this engine holds; returns how many. */
    public int renewLeases(String engineId, Duration lease) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createUpdate("UPDATE pipeline_jobs SET lease_until = :lease "
                        + "WHERE claimed_by = :me AND state IN ('submitted', 'running')")
                .bind("lease", now.plus(lease)).bind("me", engineId).execute());
    }

    /**
     * Stops renewing the lease of a job this engine took over but cannot follow yet (its executor could
     * not be asked whether the attempt already runs): the job is held under another name until its lease
     * expires, and is then taken over again.
     */
    public void stopRenewing(long jobId, String engineId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE pipeline_jobs SET claimed_by = :parked, updated_at = :now "
                        + "WHERE id = :id AND claimed_by = :me")
                .bind("parked", parkedName(engineId))
                .bind("now", clock.instant()).bind("id", jobId).bind("me", engineId).execute());
    }

    /** The holder name of a job parked by {@link #stopRenewing}: the engine's, marked, within claimed_by's 200 characters. */
    private static String parkedName(String engineId) {
        String parked = engineId + " (waiting)";
        return parked.length() <= 200 ? parked : parked.substring(parked.length() - 200);
    }

    /**
     * Takes over active jobs whose holder's lease expired (the holder died): they now belong to
     * {@code engineId}, which re-adopts them from their executor or requeues them.
     */
    public List<Job> takeOverExpired(String engineId, Duration lease) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            List<Job> expired = h.createQuery("SELECT " + COLUMNS + " FROM pipeline_jobs WHERE state IN ('submitted', 'running') "
                            + "AND lease_until < :now ORDER BY id FOR UPDATE SKIP LOCKED")
                    .bind("now", now).map(JobRepository::job).list();
            List<Job> mine = new java.util.ArrayList<>();
            for (Job j : expired) {
                int n = h.createUpdate("UPDATE pipeline_jobs SET claimed_by = :me, lease_until = :lease, updated_at = :now "
                                + "WHERE id = :id AND lease_until < :now AND state IN ('submitted', 'running')")
                        .bind("me", engineId).bind("lease", now.plus(lease)).bind("now", now).bind("id", j.id()).execute();
                if (n == 1) {
                    mine.add(new Job(j.id(), j.runId(), j.stepId(), j.itemKey(), j.itemFileId(), j.generation(), j.state(),
                            j.attempt(), j.maxAttempts(), j.executor(), engineId, now.plus(lease), j.externalId(), j.outputDir()));
                }
            }
            return mine;
        });
    }

    /**
     * Puts a held job back in the queue without counting the attempt against its retries (one more
     * attempt is allowed), e.g. a local process that died with its engine. The attempt is kept in the attempts table with the reason.
     */
    public boolean requeue(Job job, String engineId, String reason) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE pipeline_jobs SET state = 'queued', max_attempts = max_attempts + 1, claimed_by = NULL, "
                            + "lease_until = NULL, external_id = NULL, updated_at = :now "
                            + "WHERE id = :id AND claimed_by = :me AND state IN ('submitted', 'running')")
                    .bind("now", now).bind("id", job.id()).bind("me", engineId).execute();
            if (n == 1) {
                h.createUpdate("INSERT INTO pipeline_job_attempts (job_id, attempt, outcome, external_id, failure_reason, ended_at) "
                                + "VALUES (:id, :attempt, 'lost', :ext, :reason, :now) ON CONFLICT DO NOTHING")
                        .bind("id", job.id()).bind("attempt", job.attempt()).bind("ext", job.externalId())
                        .bind("reason", reason).bind("now", now).execute();
            }
            return n == 1;
        });
    }

    /** Cancels queued jobs of a run; returns how many. Active ones are cancelled by the engine holding them. */
    public int cancelQueued(long runId, String reason) {
        Instant now = clock.instant();
        return jdbi.withHandle(h -> h.createUpdate("UPDATE pipeline_jobs SET state = 'cancelled', failure_reason = :reason, "
                        + "ended_at = :now, updated_at = :now WHERE run_id = :run AND state = 'queued'")
                .bind("reason", reason).bind("now", now).bind("run", runId).execute());
    }

    /**
     * Cancels the unfinished jobs of a session: queued ones at once, submitted or running ones by
     * request to the engine holding them.
     *
     * @param stepId only this step's jobs; null for all
     * @return how many jobs were cancelled or asked to cancel
     */
    public int requestCancel(long sessionId, String stepId, String reason) {
        Instant now = clock.instant();
        String step = stepId == null ? "" : " AND step_id = :step";
        String runs = " AND run_id IN (SELECT id FROM pipeline_runs WHERE session_id = :session)";
        return jdbi.inTransaction(h -> {
            var queued = h.createUpdate("UPDATE pipeline_jobs SET state = 'cancelled', failure_reason = :reason, ended_at = :now, "
                    + "updated_at = :now WHERE state = 'queued'" + runs + step)
                    .bind("reason", reason).bind("now", now).bind("session", sessionId);
            var active = h.createUpdate("UPDATE pipeline_jobs SET cancel_requested = TRUE, updated_at = :now "
                    + "WHERE state IN ('submitted', 'running')" + runs + step).bind("now", now).bind("session", sessionId);
            if (stepId != null) {
                queued.bind("step", stepId);
                active.bind("step", stepId);
            }
            return queued.execute() + active.execute();
        });
    }

    /** Ids of jobs this engine holds that somebody asked to cancel. */
    public List<Long> cancelRequested(String engineId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM pipeline_jobs WHERE claimed_by = :me "
                        + "AND cancel_requested = TRUE AND state IN ('submitted', 'running')")
                .bind("me", engineId).mapTo(Long.class).list());
    }

    /**
     * Queues failed and cancelled jobs of a session again, with one more attempt each; earlier
     * attempts stay in the attempts table.
     *
     * @param stepId only this step's jobs; null for all
     * @return how many jobs were queued
     */
    public int retry(long sessionId, String stepId) {
        Instant now = clock.instant();
        String step = stepId == null ? "" : " AND step_id = :step";
        return jdbi.withHandle(h -> {
            var u = h.createUpdate("UPDATE pipeline_jobs SET state = 'queued', max_attempts = attempt + 1, retry_after = NULL, "
                    + "cancel_requested = FALSE, updated_at = :now WHERE state IN ('failed', 'cancelled') "
                    + "AND run_id IN (SELECT id FROM pipeline_runs WHERE session_id = :session)" + step)
                    .bind("now", now).bind("session", sessionId);
            if (stepId != null) {
                u.bind("step", stepId);
            }
            return u.execute();
        });
    }

    /** Records input or output files of the current attempt. */
    public void addFiles(long jobId, int attempt, String direction, List<JobFile> files) {
        jdbi.useHandle(h -> {
            var batch = h.prepareBatch("INSERT INTO pipeline_job_files (job_id, attempt, direction, path, file_id, "
                    + "size_bytes, checksum_algorithm, checksum_value) VALUES (:job, :attempt, :dir, :path, :file, :size, :alg, :sum)");
            for (JobFile f : files) {
                batch.bind("job", jobId).bind("attempt", attempt).bind("dir", direction).bind("path", f.path())
                        .bind("file", f.fileId()).bind("size", f.sizeBytes()).bind("alg", f.checksumAlgorithm())
                        .bind("sum", f.checksumValue()).add();
            }
            if (!files.isEmpty()) {
                batch.execute();
            }
        });
    }

    /**
     * Output files of the succeeded jobs of a step (latest attempt each; of an item rerun, only its latest
     * succeeded generation), in job order.
     *
     * @param itemKeys only jobs with these item keys; null for every job of the step
     */
    public List<JobFile> outputsOfStep(long runId, String stepId, java.util.Collection<String> itemKeys) {
        if (itemKeys != null && itemKeys.isEmpty()) {
            return List.of();
        }
        String filter = itemKeys == null ? "" : " AND j.item_key IN (<keys>)";
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT f.path, f.file_id, f.size_bytes, f.checksum_algorithm, f.checksum_value "
                    + "FROM pipeline_job_files f JOIN pipeline_jobs j ON f.job_id = j.id AND f.attempt = j.attempt "
                    + "WHERE j.run_id = :run AND j.step_id = :step AND j.state = 'succeeded' AND f.direction = 'output' "
                    + "AND j.generation = (SELECT MAX(g.generation) FROM pipeline_jobs g WHERE g.run_id = j.run_id "
                    + "AND g.step_id = j.step_id AND g.item_key = j.item_key AND g.state = 'succeeded')"
                    + filter + " ORDER BY j.id, f.id").bind("run", runId).bind("step", stepId);
            if (itemKeys != null) {
                q.bindList("keys", List.copyOf(itemKeys));
            }
            return q.map((rs, ctx) -> new JobFile(rs.getString(1), rs.getObject(2, Long.class), rs.getLong(3),
                    rs.getString(4), rs.getString(5))).list();
        });
    }

    /** Replaces the recorded files of one direction of an attempt (idempotent when an attempt is finalised twice). */
    public void replaceFiles(long jobId, int attempt, String direction, List<JobFile> files) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM pipeline_job_files WHERE job_id = :job AND attempt = :attempt AND direction = :dir")
                .bind("job", jobId).bind("attempt", attempt).bind("dir", direction).execute());
        addFiles(jobId, attempt, direction, files);
    }

    /** Jobs not finished (queued, submitted, running) of a run. */
    public long unfinished(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pipeline_jobs WHERE run_id = :run "
                        + "AND state IN ('queued', 'submitted', 'running')")
                .bind("run", runId).mapTo(Long.class).one());
    }

    /** Output files of a job's latest attempt, in the order recorded. */
    public List<JobFile> outputs(long jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT path, file_id, size_bytes, checksum_algorithm, checksum_value "
                        + "FROM pipeline_job_files WHERE job_id = :job AND direction = 'output' AND attempt = "
                        + "(SELECT MAX(attempt) FROM pipeline_job_files WHERE job_id = :job AND direction = 'output') ORDER BY id")
                .bind("job", jobId)
                .map((rs, ctx) -> new JobFile(rs.getString(1), (Long) rs.getObject(2, Long.class), rs.getLong(3),
                        rs.getString(4), rs.getString(5)))
                .list());
    }

    public Optional<Job> find(long jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pipeline_jobs WHERE id = :id")
                .bind("id", jobId).map(JobRepository::job).findOne());
    }

    /** Every job of a run, oldest first. */
    public List<Job> jobsOfRun(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pipeline_jobs WHERE run_id = :run ORDER BY id")
                .bind("run", runId).map(JobRepository::job).list());
    }

    /** Active jobs this engine holds. */
    public List<Job> heldBy(String engineId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM pipeline_jobs WHERE claimed_by = :me "
                        + "AND state IN ('submitted', 'running') ORDER BY id")
                .bind("me", engineId).map(JobRepository::job).list());
    }

    /** File ids already put into a batch of this step. */
    public Set<Long> batchedItems(long runId, String stepId, int generation) {
        return jdbi.withHandle(h -> Set.copyOf(h.createQuery("SELECT file_id FROM pipeline_job_items WHERE run_id = :run "
                        + "AND step_id = :step AND generation = :gen")
                .bind("run", runId).bind("step", stepId).bind("gen", generation).mapTo(Long.class).list()));
    }

    /** Item file ids of a batch job. */
    public List<Long> batchItems(long jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT file_id FROM pipeline_job_items WHERE job_id = :job ORDER BY file_id")
                .bind("job", jobId).mapTo(Long.class).list());
    }

    private static String tail(String s) {
        return s == null || s.length() <= 8000 ? s : s.substring(s.length() - 8000);
    }

    static Job job(ResultSet rs, StatementContext ctx) throws SQLException {
        OffsetDateTime lease = rs.getObject("lease_until", OffsetDateTime.class);
        return new Job(rs.getLong("id"), rs.getLong("run_id"), rs.getString("step_id"), rs.getString("item_key"),
                rs.getObject("item_file_id", Long.class), rs.getInt("generation"), JobState.fromLabel(rs.getString("state")),
                rs.getInt("attempt"), rs.getInt("max_attempts"), rs.getString("executor"), rs.getString("claimed_by"),
                lease == null ? null : lease.toInstant(), rs.getString("external_id"), rs.getString("output_dir"));
    }
}
