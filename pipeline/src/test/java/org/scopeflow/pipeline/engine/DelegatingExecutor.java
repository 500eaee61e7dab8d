package org.scopeflow.pipeline.engine;

import java.util.Optional;
import org.scopeflow.pipeline.exec.ExecutionRequest;
import org.scopeflow.pipeline.exec.ExecutionStatus;
import org.scopeflow.pipeline.exec.StepExecutor;

/** A real executor with one behaviour changed by a test: every call goes to the delegate unless overridden. */
abstract class DelegatingExecutor implements StepExecutor {
    final StepExecutor delegate;

    DelegatingExecutor(StepExecutor delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void validate(ExecutionRequest r) {
        delegate.validate(r);
    }

    @Override
    public String submit(ExecutionRequest r) {
        return delegate.submit(r);
    }

    @Override
    public ExecutionStatus status(String id) {
        return delegate.status(id);
    }

    @Override
    public void cancel(String id) {
        delegate.cancel(id);
    }

    @Override
    public boolean survivesRestart() {
        return delegate.survivesRestart();
    }

    @Override
    public Optional<String> findSubmitted(ExecutionRequest r) {
        return delegate.findSubmitted(r);
    }

    @Override
    public void onChange(Runnable listener) {
        delegate.onChange(listener);
    }
}
