package org.scopeflow.server.query;

import java.time.Instant;

/**
 * One metric value of one movie.
 *
 * @param id         metadata row id (the cursor of metric listings and live streams)
 * @param fileId     the movie's file id
 * @param key        metric key
 * @param value      numeric value in {@code unit}
 * @param unit       may be null (dimensionless)
 * @param recordedAt when it was written
 */
public record MetricPoint(long id, long fileId, String key, double value, String unit, Instant recordedAt) {}
