package org.scopeflow.pipeline.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a pipeline.
 *
 * @param id         unique within the pipeline: lower-case letters, digits, '-' and '_'
 * @param tool       what runs: a built-in processor, a RELION program or a command template
 * @param inputs     where the step's input files come from; empty only for steps fed by {@code needs}
 * @param needs      ids of steps whose jobs must succeed first (for the same item, for {@code each})
 * @param parameters free-form parameters, rendered as {@code {param.NAME}} in command templates
 * @param resources  what one job may use
 * @param executor   where jobs run
 * @param trigger    when jobs are created
 * @param condition  metric thresholds on upstream results; null when the step always runs
 * @param retries    how often a failed job is retried and after how long
 * @param outputs    glob patterns relative to the job's output directory that must each match at
 *                   least one non-empty file for the job to count as succeeded
 */
public record StepSpec(String id, StepTool tool, List<StepInput> inputs, List<String> needs,
        Map<String, Object> parameters, Resources resources, ExecutorChoice executor,
        Trigger trigger, Condition condition, Retries retries, List<String> outputs) {
    public StepSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tool, "tool");
        inputs = List.copyOf(inputs);
        needs = List.copyOf(needs);
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(retries, "retries");
        outputs = List.copyOf(outputs);
    }

    /** This step with {@code overrides} replacing or adding parameters (a rerun with new parameters). */
    public StepSpec withParameters(Map<String, Object> overrides) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(parameters);
        merged.putAll(overrides);
        return new StepSpec(id, tool, inputs, needs, merged, resources, executor, trigger, condition, retries, outputs);
    }

    public Optional<Condition> conditionIfAny() {
        return Optional.ofNullable(condition);
    }

    /** Glob patterns of session files this step reads directly (not through other steps). */
    public List<String> filePatterns() {
        return inputs.stream().filter(i -> i.kind() == StepInput.Kind.FILES).map(StepInput::pattern).toList();
    }

    /** Steps that must succeed first: {@code needs} plus the steps whose outputs are read, in order. */
    public List<String> dependencies() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(needs);
        all.addAll(upstreamOutputs());
        return List.copyOf(all);
    }

    /** Ids of steps whose outputs this step reads. */
    public List<String> upstreamOutputs() {
        return inputs.stream().filter(i -> i.kind() == StepInput.Kind.STEP_OUTPUT).map(StepInput::step).toList();
    }
}
