package org.scopeflow.pipeline.job;

/**
 * An input or output file of a job attempt, for provenance.
 *
 * @param path              absolute path
 * @param fileId            catalog file id, null when the file is not registered
 * @param sizeBytes         size when the job ran
 * @param checksumAlgorithm e.g. {@code sha256}; null when not computed
 * @param checksumValue     lower-case hex; null when not computed
 */
public record JobFile(String path, Long fileId, long sizeBytes, String checksumAlgorithm, String checksumValue) {
}
