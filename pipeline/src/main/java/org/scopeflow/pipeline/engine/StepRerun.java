package org.scopeflow.pipeline.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.pipeline.job.Job;
import org.scopeflow.pipeline.job.NewJob;
import org.scopeflow.pipeline.job.PipelineRun;
import org.scopeflow.pipeline.job.RerunRepository;
import org.scopeflow.pipeline.job.RunRepository;
import org.scopeflow.pipeline.spec.PipelineParser;
import org.scopeflow.pipeline.spec.PipelineSpec;
import org.scopeflow.pipeline.spec.StepSpec;
import org.scopeflow.pipeline.spec.Trigger;

/**
 * Reruns one step of a session with new parameters: queues jobs of a new generation (output
 * directories {@code ITEM-gN}); any engine on the catalog runs them. An {@code each} step is rerun for
 * chosen items: when one succeeds, its metrics replace the item's current values and the engine reruns
 * the item's downstream {@code each} steps under the same generation (with their own parameters). A
 * {@code batch} or {@code final} step is rerun as a whole: one job per batch it ran (over the same
 * items) or its final job, each reading the newest results upstream — so a rerun of picking can be
 * followed, once its jobs are done, by a rerun of 2D classification on the new particles. Jobs, outputs
 * and output files of earlier generations stay; steps downstream of a batch or final step are not
 * redone. Thread-safe.
 */
public final class StepRerun {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final RunRepository runs;
    private final RerunRepository reruns;

    public StepRerun(Jdbi jdbi, Clock clock) {
        this.runs = new RunRepository(jdbi, clock);
        this.reruns = new RerunRepository(jdbi, clock);
    }

    /**
     * What was queued.
     *
     * @param generation     the rerun's generation (2 for the first rerun of a run)
     * @param items          the item files rerun
     * @param downstream     {@code each} steps that will follow for those items
     * @param notRedone      {@code batch} and {@code final} steps downstream, which keep their results
     * @param jobs           the item keys of the queued jobs ({@code file:ID}, {@code batch:N}, {@code final})
     */
    public record Queued(PipelineRun run, int generation, List<Long> items, List<String> downstream, List<String> notRedone,
            List<String> jobs) {
        /** Whether the step was rerun per item (an {@code each} step: one job per item) rather than whole. */
        public boolean perItem() {
            return jobs.equals(items.stream().map(Job::fileKey).toList());
        }
    }

    /**
     * Queues the rerun.
     *
     * @param items     item file ids; empty for every item the step processed (skipped ones excepted); must be
     *                  empty for a batch or final step, which is rerun whole
     * @param overrides parameters replacing or adding to the step's
     * @throws IllegalArgumentException for an unknown step, items the step never had, items for a batch or final
     *                                  step, or a step that has run nothing yet; the message names them
     * @throws IllegalStateException    when the step still has unfinished jobs for some items, or (batch and final
     *                                  steps) a step it reads has unfinished jobs
     */
    public Queued request(long sessionId, String stepId, List<Long> items, Map<String, Object> overrides) {
        PipelineRun run = runOf(sessionId, stepId);
        PipelineSpec spec = new PipelineParser().parse(run.specYaml(), "stored pipeline of run " + run.id());
        StepSpec step = spec.requireStep(stepId);
        if (step.trigger().kind() != Trigger.Kind.EACH) {
            return wholeStep(run, spec, step, items, overrides);
        }
        List<Long> chosen = items.isEmpty() ? reruns.itemsOfStep(run.id(), stepId) : List.copyOf(new LinkedHashSet<>(items));
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("step " + stepId + " of pipeline " + run.pipelineName() + " has processed no item yet; nothing to rerun");
        }
        List<Long> unknown = new ArrayList<>(chosen);
        unknown.removeAll(reruns.itemsWithJobs(run.id(), stepId, chosen));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("files " + unknown + " are not items of step " + stepId + " (it has no job for them); "
                    + "see `scopeflow pipeline provenance` for the items");
        }
        NewJob template = new NewJob(run.id(), stepId, "", null, 1, 1 + step.retries().max(), step.executor().type().label(),
                List.of(), null);
        int generation = reruns.request(template, chosen, overrides);
        List<String> downstream = new ArrayList<>();
        List<String> notRedone = new ArrayList<>();
        for (String s : downstreamOf(spec, stepId)) {
            (spec.requireStep(s).trigger().kind() == Trigger.Kind.EACH ? downstream : notRedone).add(s);
        }
        return new Queued(run, generation, chosen, downstream, notRedone, chosen.stream().map(Job::fileKey).toList());
    }

    /** A batch or final step: every job it ran, again, over the same items. */
    private Queued wholeStep(PipelineRun run, PipelineSpec spec, StepSpec step, List<Long> items, Map<String, Object> overrides) {
        String kind = step.trigger().kind().name().toLowerCase(java.util.Locale.ROOT);
        if (!items.isEmpty()) {
            throw new IllegalArgumentException("step " + step.id() + " runs per " + kind + ", not per item: rerun it whole "
                    + "(--all: every " + kind + " job it ran, over the same items)");
        }
        NewJob template = new NewJob(run.id(), step.id(), "", null, 1, 1 + step.retries().max(), step.executor().type().label(),
                List.of(), null);
        RerunRepository.BatchRerun queued = reruns.requestBatches(template, step.dependencies(), overrides);
        List<String> notRedone = downstreamOf(spec, step.id());
        return new Queued(run, queued.generation(), queued.items().values().stream().flatMap(List::stream).toList(), List.of(),
                notRedone, List.copyOf(queued.items().keySet()));
    }

    private PipelineRun runOf(long sessionId, String stepId) {
        List<PipelineRun> all = runs.ofSession(sessionId);
        List<PipelineRun> withStep = all.stream().filter(r -> new PipelineParser().parse(r.specYaml(), "run " + r.id()).steps().stream()
                .anyMatch(s -> s.id().equals(stepId))).toList();
        if (withStep.size() == 1) {
            return withStep.get(0);
        }
        if (withStep.isEmpty()) {
            throw new IllegalArgumentException("no pipeline of session " + sessionId + " has a step '" + stepId + "'; its pipelines: "
                    + all.stream().map(r -> r.pipelineName() + " " + new PipelineParser().parse(r.specYaml(), "run " + r.id()).steps()
                            .stream().map(StepSpec::id).toList()).toList());
        }
        throw new IllegalArgumentException("several pipelines of session " + sessionId + " have a step '" + stepId + "': "
                + withStep.stream().map(PipelineRun::pipelineName).toList());
    }

    /** Steps that depend on {@code stepId} directly or through others, in pipeline order. */
    static List<String> downstreamOf(PipelineSpec spec, String stepId) {
        Set<String> found = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (StepSpec s : spec.steps()) {
                if (!found.contains(s.id()) && s.dependencies().stream().anyMatch(d -> d.equals(stepId) || found.contains(d))) {
                    grew = found.add(s.id());
                }
            }
        }
        return spec.steps().stream().map(StepSpec::id).filter(found::contains).toList();
    }

    /**
     * Parses {@code key=value} with the value read as a YAML scalar ({@code 150} a number, {@code true} a
     * boolean, {@code 30:4} text), the way it would be written in the pipeline's {@code parameters}.
     *
     * @throws IllegalArgumentException naming the assignment when it has no '=' or a bad key or value
     */
    public static Map<String, Object> parseAssignments(List<String> assignments) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? "" : a.substring(0, eq).strip();
            if (!key.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("--set " + a + ": expected NAME=VALUE with NAME of lower-case letters, digits and _");
            }
            try {
                Object value = YAML.readValue(a.substring(eq + 1), Object.class);
                if (value instanceof Map || value instanceof List) {
                    throw new IllegalArgumentException("--set " + a + ": the value must be a single number, true/false or text");
                }
                out.put(key, value == null ? "" : value);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("--set " + a + ": value is not valid YAML: " + e.getOriginalMessage(), e);
            }
        }
        return out;
    }
}
