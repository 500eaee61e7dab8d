package org.scopeflow.pipeline.job;

import java.util.List;

/**
 * A job to create. Creation is idempotent: a second create with the same run, step, item key and
 * generation (from this or another engine) does nothing.
 *
 * @param runId        pipeline run
 * @param stepId       step
 * @param itemKey      see {@link Job#itemKey()}
 * @param itemFileId   the item's file for {@code each} jobs, else null
 * @param generation   1 unless rerun
 * @param maxAttempts  1 + retries
 * @param executor     {@code local} or {@code slurm}
 * @param batchFileIds the items a batch job covers (each in at most one batch of the step); empty otherwise
 * @param skipReason   non-null to create the job directly as {@link JobState#SKIPPED} with this reason
 */
public record NewJob(long runId, String stepId, String itemKey, Long itemFileId, int generation,
        int maxAttempts, String executor, List<Long> batchFileIds, String skipReason) {
    public NewJob {
        batchFileIds = List.copyOf(batchFileIds);
    }
}
