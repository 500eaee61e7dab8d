package org.scopeflow.pipeline.engine;

import java.nio.file.Path;
import java.util.List;
import org.scopeflow.pipeline.job.Job;
import org.scopeflow.pipeline.spec.StepSpec;

/**
 * Everything a step adapter knows about one attempt.
 *
 * @param job       the job being run
 * @param step      its step
 * @param sessionId the session
 * @param itemName  {@code <file stem>} for each jobs, {@code batch-N}, or {@code final}
 * @param inputs    absolute input paths, in a stable order
 * @param outputDir absolute, empty directory the attempt writes to
 */
public record StepContext(Job job, StepSpec step, long sessionId, String itemName, List<Path> inputs, Path outputDir) {
    public StepContext {
        inputs = List.copyOf(inputs);
    }
}
