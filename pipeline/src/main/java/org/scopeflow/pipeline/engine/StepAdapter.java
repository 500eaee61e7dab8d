package org.scopeflow.pipeline.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns a step of one kind ({@code command:}, {@code builtin:…}, {@code relion:…}) into a command for
 * an executor, and reads its results afterwards. Implementations are stateless and thread-safe.
 */
public interface StepAdapter {
    /**
     * The command line of one attempt.
     *
     * @throws IllegalArgumentException when the step cannot run with these inputs (the job then
     *                                  fails with this message as its reason)
     */
    PreparedStep prepare(StepContext context);

    /**
     * Problems with the outputs of an attempt that exited 0, beyond the step's declared
     * {@code outputs} (which the engine checks itself); empty when the outputs are usable.
     */
    default List<String> outputProblems(StepContext context) {
        return List.of();
    }

    /** Metrics the attempt produced, keyed by metric name (the engine prefixes the step id). */
    Map<String, Metric> metrics(StepContext context);

    /**
     * Images the attempt drew for people to look at (thumbnails, power spectra, drift plots), keyed
     * by field name (the engine prefixes the step id). The engine records each as text metadata of
     * the item (per-item steps) or of the session (batch and final steps; the newest job's replaces the
     * last), as a path relative to the run's input root, so the dashboard can show it; images outside
     * the input root are not recorded. Called before the job's outputs are registered, so an image the
     * adapter draws into the output directory is registered with them.
     */
    default Map<String, Path> images(StepContext context) {
        return Map.of();
    }
}
