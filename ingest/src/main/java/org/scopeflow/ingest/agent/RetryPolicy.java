package org.scopeflow.ingest.agent;

/**
 * Exponential backoff for failed files: initial, doubling up to max. With {@code maxAttempts} &gt; 0
 * (used by {@code --once}) a file is given up after that many failed attempts.
 *
 * @param initialMillis first delay
 * @param maxMillis     largest delay
 * @param maxAttempts   0 = retry forever (the running agent)
 */
public record RetryPolicy(long initialMillis, long maxMillis, int maxAttempts) {
    public RetryPolicy {
        if (initialMillis <= 0 || maxMillis < initialMillis || maxAttempts < 0) {
            throw new IllegalArgumentException("retry policy needs 0 < initial ≤ max and attempts ≥ 0: "
                    + initialMillis + " ms, " + maxMillis + " ms, " + maxAttempts);
        }
    }

    /** Delay before attempt {@code failedAttempts + 1}. */
    public long delayMillis(int failedAttempts) {
        long d = initialMillis;
        for (int i = 1; i < failedAttempts && d < maxMillis; i++) {
            d *= 2;
        }
        return Math.min(d, maxMillis);
    }

    public boolean givesUp(int failedAttempts) {
        return maxAttempts > 0 && failedAttempts >= maxAttempts;
    }
}
