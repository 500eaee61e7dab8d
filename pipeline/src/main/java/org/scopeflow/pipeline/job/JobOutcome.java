package org.scopeflow.pipeline.job;

import java.time.Instant;
import java.util.Objects;

/**
 * How one attempt of a job ended.
 *
 * @param state         {@link JobState#SUCCEEDED}, {@link JobState#FAILED} or {@link JobState#CANCELLED}
 * @param exitCode      process exit code; null when the process did not exit by itself (killed, lost)
 * @param failureReason why it failed, naming the evidence (exit code, missing output, time limit); null on success
 * @param stdoutTail    last lines of standard output, may be empty
 * @param stderrTail    last lines of standard error, may be empty
 * @param host          where it ran
 * @param startedAt     when the tool started; null when it never started
 * @param endedAt       when the engine saw it end
 */
public record JobOutcome(JobState state, Integer exitCode, String failureReason, String stdoutTail,
        String stderrTail, String host, Instant startedAt, Instant endedAt) {
    public JobOutcome {
        Objects.requireNonNull(state, "state");
        if (!state.isTerminal() || state == JobState.SKIPPED) {
            throw new IllegalArgumentException("an attempt ends succeeded, failed or cancelled, not " + state.label());
        }
        stdoutTail = stdoutTail == null ? "" : stdoutTail;
        stderrTail = stderrTail == null ? "" : stderrTail;
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** The same outcome turned into a failure (e.g. outputs missing although the exit code was 0). */
    public JobOutcome failed(String reason) {
        return new JobOutcome(JobState.FAILED, exitCode, reason, stdoutTail, stderrTail, host, startedAt, endedAt);
    }
}
