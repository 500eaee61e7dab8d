package org.scopeflow.pipeline.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Reruns in the catalog ({@code pipeline_reruns}, migration V12): a new generation of one step's jobs
 * for chosen items, with parameter overrides. Earlier generations are never touched. Thread-safe.
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
                throw new IllegalStateException("step " + jobTemplate.stepId() + " still has unfinished jobs for " + busy
                        + "; wait for them or cancel them (scopeflow pipeline cancel) before rerunning");
            }
            int generation = 1 + h.createQuery("SELECT COALESCE(MAX(generation), 1) FROM pipeline_jobs WHERE run_id = :run")
                    .bind("run", jobTemplate.runId()).mapTo(Integer.class).one();
            h.createUpdate("INSERT INTO pipeline_reruns (run_id, step_id, generation, parameters_json, item_count, requested_at) "
                            + "VALUES (:run, :step, :gen, :params, :n, :now)")
                    .bind("run", jobTemplate.runId()).bind("step", jobTemplate.stepId()).bind("gen", generation)
                    .bind("params", params).bind("n", itemFileIds.size()).bind("now", clock.instant()).execute();
            for (Long item : itemFileIds) {
                jobs.insert(h, new NewJob(jobTemplate.runId(), jobTemplate.stepId(), Job.fileKey(item), item, generation,
                        jobTemplate.maxAttempts(), jobTemplate.executor(), List.of(), null));
            }
            return generation;
        });
    }

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
