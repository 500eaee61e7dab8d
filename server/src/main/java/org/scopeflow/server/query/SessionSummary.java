package org.scopeflow.server.query;

import java.util.List;

/**
 * What the summary endpoint returns: a session's progress, its metric aggregates and the
 * thresholds the dashboard draws.
 *
 * @param session    progress counts
 * @param metrics    aggregate of each plotted metric that has values
 * @param thresholds the plotted metrics with their units and thresholds
 */
public record SessionSummary(SessionRow session, List<MetricStats> metrics, List<MetricKeys.Metric> thresholds) {}
