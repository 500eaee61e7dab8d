package org.scopeflow.pipeline.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated pipeline definition: named steps forming a directed acyclic graph through
 * {@code needs}. Instances come from {@link PipelineParser}, which guarantees that every
 * {@code needs} and {@code X.output} names a step of this pipeline and that there is no cycle.
 *
 * @param name        pipeline name, e.g. {@code single-particle-live}
 * @param description free text, may be empty
 * @param steps       steps in file order; never empty
 */
public record PipelineSpec(String name, String description, List<StepSpec> steps) {
    public PipelineSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        steps = List.copyOf(steps);
    }

    /** The step with this id, if any. */
    public Optional<StepSpec> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The step with this id; throws {@link IllegalArgumentException} naming the known ids otherwise. */
    public StepSpec requireStep(String id) {
        return step(id).orElseThrow(() -> new IllegalArgumentException("pipeline '" + name
                + "' has no step '" + id + "'; known: " + String.join(", ", stepIds())));
    }

    public List<String> stepIds() {
        return steps.stream().map(StepSpec::id).toList();
    }
}
