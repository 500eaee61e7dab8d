package org.scopeflow.pipeline.engine;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scopeflow.pipeline.job.Job;
import org.scopeflow.pipeline.job.JobRepository;
import org.scopeflow.pipeline.job.JobState;
import org.scopeflow.pipeline.job.NewJob;
import org.scopeflow.pipeline.spec.StepSpec;
import org.scopeflow.pipeline.spec.Trigger;

/**
 * Creates jobs for a run from what changed: new session files and finished upstream jobs. Per
 * trigger: {@code each} → one job per item once every dependency succeeded for it; {@code batch} →
 * ready items wait and become one job per {@code every_items}, after {@code every_minutes}, or when
 * the run is closed and upstream is done; {@code final} → one job when the run is closed and nothing
 * upstream is left. A false condition creates the item's job as {@code skipped} with the reason.
 * An {@code each} job of a newer generation upstream (a rerun) makes the item's job of the step stale:
 * a job of that generation is created for it (batch and final steps are not redone).
 */
final class JobPlanner {
    private static final int FILE_PAGE = 5000;
    private final JobRepository jobs;
    private final SessionCatalog catalog;
    private final Clock clock;

    JobPlanner(JobRepository jobs, SessionCatalog catalog, Clock clock) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * One planning pass; returns how many jobs were created.
     *
     * @param scanFiles also look for new session files (a query; the engine does it once per poll interval)
     */
    int plan(RunIndex index, boolean scanFiles) {
        int created = 0;
        List<SessionFile> fresh = List.of();
        do {
            if (!scanFiles) {
                break;
            }
            fresh = catalog.filesAfter(index.run.sessionId(), index.fileCursor, FILE_PAGE);
            for (SessionFile f : fresh) {
                index.items.put(f.id(), f);
                index.dirty.add(f.id());
                index.fileCursor = Math.max(index.fileCursor, f.id());
            }
        } while (fresh.size() == FILE_PAGE);
        List<Long> dirty = new ArrayList<>(index.dirty);
        index.dirty.clear();
        for (Long item : dirty) {
            for (StepSpec step : index.topological) {
                created += planItem(index, step, item);
            }
        }
        for (StepSpec step : index.topological) {
            if (step.trigger().kind() == Trigger.Kind.BATCH) {
                created += flushBatches(index, step);
            }
        }
        return created;
    }

    private int planItem(RunIndex index, StepSpec step, long itemId) {
        if (step.trigger().kind() == Trigger.Kind.FINAL) {
            return 0;
        }
        String key = Job.fileKey(itemId);
        int generation = upstreamGeneration(index, step, key);
        boolean current = index.state(step.id(), key) != null && index.generation(step.id(), key) >= generation;
        if (current || index.batched.get(step.id()).contains(itemId)
                || index.waiting.get(step.id()).containsKey(itemId) || !ready(index, step, itemId)) {
            return 0;
        }
        Optional<String> skip = step.conditionIfAny().flatMap(c -> c.whyNot(catalog.metrics(itemId)));
        if (skip.isPresent() || step.trigger().kind() == Trigger.Kind.EACH) {
            NewJob job = new NewJob(index.run.id(), step.id(), key, itemId, generation, 1 + step.retries().max(),
                    step.executor().type().label(), List.of(), skip.orElse(null));
            boolean made = jobs.create(job).isPresent();
            index.put(step.id(), key, generation, skip.isPresent() ? JobState.SKIPPED : JobState.QUEUED);
            return made ? 1 : 0;
        }
        index.waiting.get(step.id()).put(itemId, clock.instant());
        return 0;
    }

    /**
     * The generation an item's job of this step must have: the latest generation among its dependencies'
     * jobs for the item (1 without any). A rerun upstream thereby makes its downstream steps run again
     * for the item once the rerun succeeded, under the same generation.
     */
    private static int upstreamGeneration(RunIndex index, StepSpec step, String key) {
        int generation = 1;
        for (String dep : step.dependencies()) {
            generation = Math.max(generation, index.generation(dep, key));
        }
        return generation;
    }

    /** True when the item is an input of the step: it matches the step's patterns and every dependency succeeded for it. */
    private static boolean ready(RunIndex index, StepSpec step, long itemId) {
        List<String> deps = step.dependencies();
        if (deps.isEmpty() && step.filePatterns().isEmpty()) {
            return false;
        }
        if (!step.filePatterns().isEmpty() && !matches(step.filePatterns(), index.items.get(itemId))) {
            return false;
        }
        for (String dep : deps) {
            if (index.state(dep, Job.fileKey(itemId)) != JobState.SUCCEEDED) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(List<String> patterns, SessionFile file) {
        if (file == null) {
            return false;
        }
        Path rel = Path.of(file.relativePath());
        for (String p : patterns) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
            if (m.matches(rel)) {
                return true;
            }
        }
        return false;
    }

    private int flushBatches(RunIndex index, StepSpec step) {
        var waiting = index.waiting.get(step.id());
        int created = 0;
        Trigger t = step.trigger();
        while (t.everyItems() > 0 && waiting.size() >= t.everyItems()) {
            created += createBatch(index, step, new ArrayList<>(waiting.keySet()).subList(0, t.everyItems()));
        }
        if (waiting.isEmpty()) {
            return created;
        }
        Instant oldest = waiting.values().iterator().next();
        boolean timeUp = t.everyMinutes() > 0 && !oldest.plus(Duration.ofMinutes(t.everyMinutes())).isAfter(clock.instant());
        boolean closing = index.run.closed() || catalog.isClosed(index.run.sessionId());
        if (timeUp || (closing && !upstreamBusy(index, step))) {
            created += createBatch(index, step, new ArrayList<>(waiting.keySet()));
        }
        return created;
    }

    private static boolean upstreamBusy(RunIndex index, StepSpec step) {
        for (String dep : step.dependencies()) {
            if (index.states.get(dep).values().stream().anyMatch(s -> !s.isTerminal())) {
                return true;
            }
        }
        return !index.dirty.isEmpty();
    }

    private int createBatch(RunIndex index, StepSpec step, List<Long> items) {
        int number = index.batchCount.get(step.id()) + 1;
        String key = Job.batchKey(number);
        NewJob job = new NewJob(index.run.id(), step.id(), key, null, 1, 1 + step.retries().max(),
                step.executor().type().label(), items, null);
        Optional<Long> id = jobs.create(job);
        index.batchCount.put(step.id(), number);
        items.forEach(index.waiting.get(step.id())::remove);
        if (id.isPresent()) {
            index.batched.get(step.id()).addAll(items);
            index.put(step.id(), key, 1, JobState.QUEUED);
            return 1;
        }
        // Another engine made this batch first: reload so that this engine's view catches up.
        index.reload(jobs.jobsOfRun(index.run.id()), Map.of(step.id(), jobs.batchedItems(index.run.id(), step.id(), 1)));
        return 0;
    }

    /** Creates final jobs whose time has come; call when nothing upstream is in flight. */
    int planFinal(RunIndex index) {
        if (!(index.run.closed() || catalog.isClosed(index.run.sessionId())) || index.upstreamBusy()) {
            return 0;
        }
        int created = 0;
        for (StepSpec step : index.topological) {
            if (step.trigger().kind() == Trigger.Kind.FINAL && index.state(step.id(), Job.FINAL_KEY) == null
                    && step.dependencies().stream().allMatch(d -> finalDone(index, d))) {
                NewJob job = new NewJob(index.run.id(), step.id(), Job.FINAL_KEY, null, 1, 1 + step.retries().max(),
                        step.executor().type().label(), List.of(), null);
                created += jobs.create(job).isPresent() ? 1 : 0;
                index.put(step.id(), Job.FINAL_KEY, 1, JobState.QUEUED);
            }
        }
        return created;
    }

    private static boolean finalDone(RunIndex index, String step) {
        return index.states.get(step).values().stream().allMatch(JobState::isTerminal)
                && index.waiting.get(step).isEmpty()
                && (index.spec.requireStep(step).trigger().kind() != Trigger.Kind.FINAL
                    || index.states.get(step).containsKey(Job.FINAL_KEY));
    }
}
