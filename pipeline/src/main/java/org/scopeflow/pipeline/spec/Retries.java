package org.scopeflow.pipeline.spec;

import java.time.Duration;

/**
 * Retries of a failed job: up to {@code max} more attempts, the n-th after
 * {@code backoffSeconds × 2^(n−1)} seconds.
 *
 * @param max            additional attempts after the first, 0–{@value #MAX_RETRIES}
 * @param backoffSeconds wait before the first retry in seconds, 0–86400
 */
public record Retries(int max, int backoffSeconds) {
    public static final int MAX_RETRIES = 20;
    public static final Retries NONE = new Retries(0, 30);

    /** Wait before retry number {@code retry} (1 = first retry), capped at one day. */
    public Duration backoffBefore(int retry) {
        long seconds = (long) backoffSeconds << Math.min(Math.max(retry - 1, 0), 16);
        return Duration.ofSeconds(Math.min(seconds, 86_400));
    }
}
