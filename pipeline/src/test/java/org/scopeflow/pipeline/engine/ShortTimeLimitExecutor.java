package org.scopeflow.pipeline.engine;

import java.time.Duration;
import org.scopeflow.pipeline.exec.ExecutionRequest;
import org.scopeflow.pipeline.exec.StepExecutor;

/**
 * Delegates to a real executor but gives the attempts of one step a time limit in seconds, since
 * pipeline YAML counts in minutes and tests should not wait that long.
 */
final class ShortTimeLimitExecutor extends DelegatingExecutor {
    private final String step;
    private final Duration limit;

    ShortTimeLimitExecutor(StepExecutor delegate, String step, Duration limit) {
        super(delegate);
        this.step = step;
        this.limit = limit;
    }

    @Override
    public String submit(ExecutionRequest r) {
        boolean shorten = step.equals(r.environment().get("SCOPEFLOW_STEP"));
        return delegate.submit(shorten ? new ExecutionRequest(r.name(), r.commandLine(), r.workDir(), r.cpus(), r.memoryMb(),
                r.gpus(), limit, r.partition(), r.account(), r.environment()) : r);
    }
}
