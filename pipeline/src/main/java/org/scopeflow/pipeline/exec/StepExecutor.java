package org.scopeflow.pipeline.exec;

/**
 * Runs job attempts somewhere (this machine, a Slurm cluster). The engine calls {@link #validate}
 * then {@link #submit}, and polls {@link #status} until a terminal phase. An attempt writes its
 * standard output and error to {@link ExecutionRequest#stdoutFile()} and {@link ExecutionRequest#stderrFile()}.
 *
 * <p>Implementations are thread-safe. The contract every implementation passes is
 * {@code StepExecutorContract} in the tests.
 */
public interface StepExecutor extends AutoCloseable {
    /** {@code local} or {@code slurm}: the value of a step's {@code executor.type}. */
    String name();

    /**
     * Checks that the request can ever run here (resources within what the machine or partition
     * offers) so that it does not wait forever.
     *
     * @throws ExecutorException naming the resource, the value asked, the limit and the fix
     */
    void validate(ExecutionRequest request);

    /**
     * Starts or queues the attempt.
     *
     * @return the executor's id of the attempt, to pass to {@link #status} and {@link #cancel}
     * @throws ExecutorException when it could not be submitted (validation included)
     */
    String submit(ExecutionRequest request);

    /** Where the attempt is. Unknown ids report {@link ExecutionStatus.Phase#LOST}. */
    ExecutionStatus status(String externalId);

    /** Stops the attempt; its status then reports {@link ExecutionStatus.Phase#CANCELLED}. */
    void cancel(String externalId);

    /**
     * True when attempts keep running if this process dies and can be followed again by id after a
     * restart (Slurm); false when they are lost with it (local processes).
     */
    boolean survivesRestart();

    /**
     * An attempt of this request (same name, same working directory) that was submitted but whose id
     * was never recorded — the engine that submitted it stopped between the two — if the executor still
     * knows it. Lets a restarted engine follow that attempt instead of starting the work a second time.
     * Executors whose attempts die with their process know none.
     *
     * @throws ExecutorException when the executor cannot be asked (e.g. its controller is down)
     */
    default java.util.Optional<String> findSubmitted(ExecutionRequest request) {
        return java.util.Optional.empty();
    }

    /** Called (from any thread) whenever an attempt may have changed phase; lets the engine wake up. */
    default void onChange(Runnable listener) {
    }

    @Override
    default void close() {
    }
}
