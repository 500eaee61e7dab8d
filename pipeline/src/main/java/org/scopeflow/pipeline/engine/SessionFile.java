package org.scopeflow.pipeline.engine;

/**
 * A file of a session as the engine sees it.
 *
 * @param id                catalog file id
 * @param relativePath      path relative to the session's input root
 * @param sizeBytes         size recorded by ingest
 * @param checksumAlgorithm recorded checksum algorithm, null when none
 * @param checksumValue     recorded checksum, null when none
 */
public record SessionFile(long id, String relativePath, long sizeBytes, String checksumAlgorithm, String checksumValue) {
}
