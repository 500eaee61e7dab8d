package org.scopeflow.server.query;

/**
 * Aggregate of one metric over a session's movies.
 *
 * @param key   metric key
 * @param unit  unit of the values
 * @param count movies with a value
 * @param mean  mean, null when count is 0
 * @param min   minimum, null when count is 0
 * @param max   maximum, null when count is 0
 */
public record MetricStats(String key, String unit, long count, Double mean, Double min, Double max) {}
