package org.scopeflow.pipeline.exec;

import java.time.Instant;

/**
 * Where an attempt is.
 *
 * @param phase     see {@link Phase}
 * @param exitCode  the tool's exit code once it exited by itself; null otherwise
 * @param reason    the executor's explanation for non-success phases (Slurm reason, signal), may be empty
 * @param host      where it runs or ran, may be empty while pending
 * @param startedAt when it started running; null while pending
 * @param endedAt   when it ended; null while pending or running
 */
public record ExecutionStatus(Phase phase, Integer exitCode, String reason, String host, Instant startedAt, Instant endedAt) {
    public enum Phase {
        PENDING, RUNNING, SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, LOST;

        public boolean isTerminal() {
            return this != PENDING && this != RUNNING;
        }
    }

    public ExecutionStatus {
        reason = reason == null ? "" : reason;
        host = host == null ? "" : host;
    }

    public static ExecutionStatus pending() {
        return new ExecutionStatus(Phase.PENDING, null, "", "", null, null);
    }

    public static ExecutionStatus lost(String reason) {
        return new ExecutionStatus(Phase.LOST, null, reason, "", null, null);
    }
}
