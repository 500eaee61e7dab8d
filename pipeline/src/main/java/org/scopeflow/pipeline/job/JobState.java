package org.scopeflow.pipeline.job;

import java.util.Locale;

/**
 * Durable state of a job: {@code queued → submitted → running → succeeded | failed | cancelled};
 * {@code skipped} when the step's condition on upstream metrics is false. A failed attempt with
 * retries left returns to {@code queued} (with a retry-after time) instead of becoming failed.
 */
public enum JobState {
    QUEUED, SUBMITTED, RUNNING, SUCCEEDED, FAILED, CANCELLED, SKIPPED;

    /** The value stored in the catalog. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }

    /** True when the job will not change state again (short of a manual retry). */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == SKIPPED;
    }

    /** True while an executor holds the job. */
    public boolean isActive() {
        return this == SUBMITTED || this == RUNNING;
    }
}
