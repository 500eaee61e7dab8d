package org.scopeflow.pipeline.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scopeflow.pipeline.job.Job;
import org.scopeflow.pipeline.job.JobState;
import org.scopeflow.pipeline.job.PipelineRun;
import org.scopeflow.pipeline.spec.PipelineSpec;
import org.scopeflow.pipeline.spec.StepSpec;
import org.scopeflow.pipeline.spec.Trigger;

/**
 * The engine's in-memory view of one run, so that planning costs in proportion to what changed,
 * not to the size of the session. The catalog stays the truth: the index is rebuilt from it at start
 * and periodically (other engines change it too), and job creation is idempotent there, so a stale
 * index can only delay work, never duplicate it. Not thread-safe: the engine loop owns it.
 */
final class RunIndex {
    final PipelineRun run;
    final PipelineSpec spec;
    final List<StepSpec> topological;
    final Map<Long, SessionFile> items = new HashMap<>();
    final Map<String, Map<String, JobState>> states = new HashMap<>();
    /** Generation of the job whose state {@link #states} holds, per step and item key (reruns make higher ones). */
    final Map<String, Map<String, Integer>> generations = new HashMap<>();
    final Map<String, Set<Long>> batched = new HashMap<>();
    final Map<String, Integer> batchCount = new HashMap<>();
    final Map<String, LinkedHashMap<Long, Instant>> waiting = new HashMap<>();
    final Set<Long> dirty = new LinkedHashSet<>();
    long fileCursor;

    RunIndex(PipelineRun run, PipelineSpec spec) {
        this.run = run;
        this.spec = spec;
        this.topological = topological(spec);
        for (StepSpec s : spec.steps()) {
            states.put(s.id(), new HashMap<>());
            generations.put(s.id(), new HashMap<>());
            batched.put(s.id(), new HashSet<>());
            waiting.put(s.id(), new LinkedHashMap<>());
            batchCount.put(s.id(), 0);
        }
    }

    JobState state(String step, String itemKey) {
        return states.get(step).get(itemKey);
    }

    /** Generation of the latest job of the step for the item; 0 when there is none. */
    int generation(String step, String itemKey) {
        return generations.get(step).getOrDefault(itemKey, 0);
    }

    /** Records a job's state unless a job of a later generation already holds the item (an old generation finishing). */
    void put(String step, String itemKey, int generation, JobState state) {
        if (generation >= generation(step, itemKey)) {
            states.get(step).put(itemKey, state);
            generations.get(step).put(itemKey, generation);
        }
    }

    void record(Job job, JobState state) {
        put(job.stepId(), job.itemKey(), job.generation(), state);
        if (job.itemFileId() != null) {
            dirty.add(job.itemFileId());
        }
    }

    /** Replaces the job states with the catalog's (a full rebuild); every item becomes dirty. */
    void reload(List<Job> jobs, Map<String, Set<Long>> batchedItems) {
        states.values().forEach(Map::clear);
        generations.values().forEach(Map::clear);
        batchCount.replaceAll((k, v) -> 0);
        for (Job j : jobs) {
            if (states.containsKey(j.stepId())) {
                put(j.stepId(), j.itemKey(), j.generation(), j.state());
                if (j.itemKey().startsWith("batch:") && j.generation() == 1) {
                    batchCount.merge(j.stepId(), 1, Integer::sum);
                }
            }
        }
        batchedItems.forEach((step, ids) -> {
            batched.get(step).clear();
            batched.get(step).addAll(ids);
            waiting.get(step).keySet().removeAll(ids);
        });
        dirty.addAll(items.keySet());
    }

    /** True when a job of any non-final step is not finished or items wait for a batch. */
    boolean upstreamBusy() {
        for (StepSpec s : spec.steps()) {
            if (s.trigger().kind() == Trigger.Kind.FINAL) {
                continue;
            }
            if (!waiting.get(s.id()).isEmpty() || states.get(s.id()).values().stream().anyMatch(st -> !st.isTerminal())) {
                return true;
            }
        }
        return !dirty.isEmpty();
    }

    private static List<StepSpec> topological(PipelineSpec spec) {
        List<StepSpec> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (order.size() < spec.steps().size()) {
            for (StepSpec s : spec.steps()) {
                if (!done.contains(s.id()) && done.containsAll(s.dependencies())) {
                    order.add(s);
                    done.add(s.id());
                }
            }
        }
        return order;
    }
}
