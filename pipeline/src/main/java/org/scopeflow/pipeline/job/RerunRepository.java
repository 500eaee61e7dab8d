package org.scopeflow.pipeline.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reruns in the catalog ({@code pipeline_reruns}, migration V12): a new generation of one step's jobs
 * for chosen items (per-item steps) or for every job it ran (batch and final steps), with parameter
 * overrides. Earlier generations are never touched. Thread-safe.
 */
public final class RerunRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final Clock clock;
    private final JobRepository jobs;

    public RerunRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.jobs = new JobRepository(jdbi, clock);
    }

    /**
     * Records a rerun and queues one job per item, in one transaction, under the run's next generation.
     *
     * @param jobTemplate step, max attempts and executor of the jobs to queue; its run, item and generation are ignored
     * @param itemFileIds the items (files) to rerun; each must not have an unfinished job of the step
     * @param overrides   parameters replacing or adding to the step's
     * @return the new generation
     * @throws IllegalStateException naming the items whose jobs of the step are still unfinished
     */
    public int request(NewJob jobTemplate, List<Long> itemFileIds, Map<String, Object> overrides) {
        String params = json(overrides);
        return jdbi.inTransaction(h -> {
            List<String> busy = h.createQuery("SELECT item_key FROM pipeline_jobs WHERE run_id = :run AND step_id = :step "
                            + "AND item_file_id IN (<items>) AND state IN ('queued', 'submitted', 'running') ORDER BY item_key")
                    .bind("run", jobTemplate.runId()).bind("step", jobTemplate.stepId()).bindList("items", itemFileIds)
                    .mapTo(String.class).list();
            if (!busy.isEmpty()) {
                throw new IllegalStateException("step " + jobTemplate.stepId() + " still has unfinished jobs for " + busy + WAIT_OR_CANCEL);
            }
            int generation = recordRerun(h, jobTemplate, params, itemFileIds.size());
            for (Long item : itemFileIds) {
                jobs.insert(h, new NewJob(jobTemplate.runId(), jobTemplate.stepId(), Job.fileKey(item), item, generation,
                        jobTemplate.maxAttempts(), jobTemplate.executor(), List.of(), null));
            }
            return generation;
        });
    }

    /**
     * Records a rerun of a {@code batch} or {@code final} step and queues, in one transaction under the
     * run's next generation, one job per job key the step has ({@code batch:N}, {@code final}) over the
     * same items as before. Each reads, when it runs, the newest succeeded generation of its upstream
     * results, so nothing may still be running upstream for those items.
     *
     * @param jobTemplate step, max attempts and executor of the jobs to queue
     * @param upstream    the steps the step depends on
     * @param overrides   parameters replacing or adding to the step's
     * @return the new generation and, per job key, its items
     * @throws IllegalArgumentException when the step has run no job yet
     * @throws IllegalStateException    naming the step's unfinished jobs, or the upstream steps with unfinished
     *                                  jobs for items of the step's jobs
     */
    public BatchRerun requestBatches(NewJob jobTemplate, List<String> upstream, Map<String, Object> overrides) {
        String params = json(overrides);
        return jdbi.inTransaction(h -> {
            long run = jobTemplate.runId();
            String step = jobTemplate.stepId();
            List<String> busy = h.createQuery("SELECT item_key FROM pipeline_jobs WHERE run_id = :run AND step_id = :step "
                            + "AND state IN ('queued', 'submitted', 'running') ORDER BY item_key")
                    .bind("run", run).bind("step", step).mapTo(String.class).list();
            if (!busy.isEmpty()) {
                throw new IllegalStateException("step " + step + " still has unfinished jobs " + busy + WAIT_OR_CANCEL);
            }
            // the newest job of each key, and the items it covered (none for a final job: it reads every item)
            Map<String, List<Long>> items = new java.util.TreeMap<>();
            h.createQuery("SELECT j.item_key, i.file_id FROM pipeline_jobs j LEFT JOIN pipeline_job_items i ON i.job_id = j.id "
                            + "WHERE j.run_id = :run AND j.step_id = :step AND j.generation = (SELECT MAX(g.generation) "
                            + "FROM pipeline_jobs g WHERE g.run_id = j.run_id AND g.step_id = j.step_id AND g.item_key = j.item_key) "
                            + "ORDER BY j.item_key, i.file_id")
                    .bind("run", run).bind("step", step)
                    .map((rs, c) -> Map.entry(rs.getString(1), java.util.Optional.ofNullable(rs.getObject(2, Long.class))))
                    .forEach(e -> {
                        List<Long> files = items.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>());
                        e.getValue().ifPresent(files::add);
                    });
            if (items.isEmpty()) {
                throw new IllegalArgumentException("step " + step + " has run no job yet; nothing to rerun (it runs when its "
                        + "trigger fires: a full batch, its time, or the session closing)");
            }
            if (!upstream.isEmpty()) {
                List<String> running = h.createQuery("SELECT DISTINCT step_id FROM pipeline_jobs WHERE run_id = :run "
                                + "AND step_id IN (<up>) AND state IN ('queued', 'submitted', 'running') ORDER BY step_id")
                        .bind("run", run).bindList("up", upstream).mapTo(String.class).list();
                if (!running.isEmpty()) {
                    throw new IllegalStateException("steps " + running + " that " + step + " reads still have unfinished jobs; "
                            + "rerun " + step + " when they have finished, so that it reads their newest results");
                }
            }
            int generation = recordRerun(h, jobTemplate, params, items.values().stream().mapToInt(List::size).sum());
            for (var e : items.entrySet()) {
                jobs.insert(h, new NewJob(run, step, e.getKey(), null, generation, jobTemplate.maxAttempts(),
                        jobTemplate.executor(), e.getValue(), null));
            }
            return new BatchRerun(generation, items);
        });
    }

    private static final String WAIT_OR_CANCEL = "; wait for them or cancel them (scopeflow pipeline cancel) before rerunning";

    /** Records the rerun of the template's step under the run's next generation; returns that generation. */
    private int recordRerun(Handle h, NewJob jobTemplate, String params, int itemCount) {
        int generation = 1 + h.createQuery("SELECT COALESCE(MAX(generation), 1) FROM pipeline_jobs WHERE run_id = :run")
                .bind("run", jobTemplate.runId()).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO pipeline_reruns (run_id, step_id, generation, parameters_json, item_count, requested_at) "
                        + "VALUES (:run, :step, :gen, :params, :n, :now)")
                .bind("run", jobTemplate.runId()).bind("step", jobTemplate.stepId()).bind("gen", generation)
                .bind("params", params).bind("n", itemCount).bind("now", clock.instant()).execute();
        return generation;
    }

    /**
     * A queued rerun of a batch or final step.
     *
     * @param generation the new generation
     * @param items      per job key ({@code batch:N}, {@code final}), the item files it covers
     */
    public record BatchRerun(int generation, Map<String, List<Long>> items) {}

    /** The parameter overrides of a step's rerun generation; empty when that generation is not a rerun of the step. */
    public Optional<Map<String, Object>> overrides(long runId, String stepId, int generation) {
        return jdbi.withHandle(h -> h.createQuery("SELECT parameters_json FROM pipeline_reruns WHERE run_id = :run "
                        + "AND step_id = :step AND generation = :gen")
                .bind("run", runId).bind("step", stepId).bind("gen", generation).mapTo(String.class).findOne())
                .map(RerunRepository::parse);
    }

    /** Item files that have a job of the step (any generation) in a state other than skipped, in id order. */
    public List<Long> itemsOfStep(long runId, String stepId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT item_file_id FROM pipeline_jobs WHERE run_id = :run "
                        + "AND step_id = :step AND item_file_id IS NOT NULL AND state <> 'skipped' ORDER BY item_file_id")
                .bind("run", runId).bind("step", stepId).mapTo(Long.class).list());
    }

    /** Item files that have a job of the step (any generation and state). */
    public List<Long> itemsWithJobs(long runId, String stepId, List<Long> candidates) {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT item_file_id FROM pipeline_jobs WHERE run_id = :run "
                        + "AND step_id = :step AND item_file_id IN (<items>) ORDER BY item_file_id")
                .bind("run", runId).bind("step", stepId).bindList("items", candidates).mapTo(Long.class).list());
    }

    private static String json(Map<String, Object> overrides) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(overrides));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rerun parameters " + overrides + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored rerun parameters are not JSON: " + json, e);
        }
    }
}
