package org.scopeflow.imaging.sim;

import java.time.Duration;

/** Waits. Production code sleeps the thread; tests advance a clock instead and return at once. */
@FunctionalInterface
public interface Sleeper {
    /** @throws InterruptedException when the thread is interrupted while waiting */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing: {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return d -> {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis());
            }
        };
    }
}
