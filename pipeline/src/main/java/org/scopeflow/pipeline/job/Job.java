package org.scopeflow.pipeline.job;

import java.time.Instant;

/**
 * A job row as the engine needs it (provenance columns are read separately).
 *
 * @param id          catalog id
 * @param runId       the pipeline run (session + pipeline) it belongs to
 * @param stepId      step of the pipeline
 * @param itemKey     {@code file:<id>}, {@code batch:<n>} or {@code final}
 * @param itemFileId  the item's file id for {@code each} jobs; null otherwise
 * @param generation  1, or higher for reruns with new parameters
 * @param state       current state
 * @param attempt     attempts started so far (0 before the first claim)
 * @param maxAttempts attempts allowed in total (1 + retries)
 * @param executor    {@code local} or {@code slurm}
 * @param claimedBy   engine id holding the job, null when none
 * @param leaseUntil  the holder's claim expires then unless renewed; null when unclaimed
 * @param externalId  executor's id (Slurm job id, local process id); null before submission
 * @param outputDir   absolute output directory; null before submission
 */
public record Job(long id, long runId, String stepId, String itemKey, Long itemFileId, int generation,
        JobState state, int attempt, int maxAttempts, String executor, String claimedBy,
        Instant leaseUntil, String externalId, String outputDir) {
    public static final String FINAL_KEY = "final";

    public static String fileKey(long fileId) {
        return "file:" + fileId;
    }

    public static String batchKey(int number) {
        return "batch:" + number;
    }
}
