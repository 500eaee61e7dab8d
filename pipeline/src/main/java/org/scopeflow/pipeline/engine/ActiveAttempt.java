package org.scopeflow.pipeline.engine;

import org.scopeflow.pipeline.exec.ExecutionRequest;
import org.scopeflow.pipeline.exec.StepExecutor;
import org.scopeflow.pipeline.job.Job;

/** An attempt this engine submitted or re-adopted and follows until it ends. */
final class ActiveAttempt {
    final Job job;
    final RunIndex index;
    final StepContext context;
    final ExecutionRequest request;
    final StepExecutor executor;
    final String externalId;
    boolean runningRecorded;

    ActiveAttempt(Job job, RunIndex index, StepContext context, ExecutionRequest request, StepExecutor executor,
            String externalId, boolean runningRecorded) {
        this.job = job;
        this.index = index;
        this.context = context;
        this.request = request;
        this.executor = executor;
        this.externalId = externalId;
        this.runningRecorded = runningRecorded;
    }
}
