package org.scopeflow.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.scopeflow.imaging.sim.AcquisitionPlan;
import org.scopeflow.imaging.sim.AcquisitionRun;
import org.scopeflow.imaging.sim.Sleeper;

/**
 * The demo's simulated microscope on its own daemon thread: writes the plan's movies at their pace,
 * counts them, and stops at its next wait when asked.
 *
 * <p>It is stopped by a flag, not an interrupt: an interrupt that arrives inside the FFT library's
 * worker pool is swallowed there (logged as SEVERE) and would leave the microscope writing on while
 * the demo waits for it.
 */
final class DemoMicroscope {
    /** A stop is noticed within this long, even during a long wait between movies. */
    private static final long STEP_NANOS = 200_000_000L;
    private final AtomicInteger written = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Thread thread;

    private DemoMicroscope(AcquisitionPlan plan, PrintWriter out) {
        thread = new Thread(() -> run(plan, out), "demo-microscope");
        thread.setDaemon(true);
    }

    /** Starts writing the plan's movies; progress and the end are reported on {@code out}. */
    static DemoMicroscope start(AcquisitionPlan plan, PrintWriter out) {
        DemoMicroscope m = new DemoMicroscope(plan, out);
        m.thread.start();
        return m;
    }

    /** Movies written so far. */
    int written() {
        return written.get();
    }

    boolean running() {
        return thread.isAlive();
    }

    /** Asks it to stop at its next wait and waits up to {@code millis} (a daemon: at worst it ends with the JVM). */
    void stop(long millis) {
        stopping.set(true);
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(AcquisitionPlan plan, PrintWriter out) {
        try {
            long t0 = System.nanoTime();
            int n = new AcquisitionRun(Clock.systemUTC(), stoppable(Sleeper.system()), line -> written.incrementAndGet())
                    .run(plan).size();
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.printf(Locale.ROOT, "[demo] microscope finished: %d movies in %.0f s (%.0f movies/h)%n", n, seconds, n / (seconds / 3600));
            out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            out.println("simulated microscope stopped: " + e.getMessage());
            out.flush();
        }
    }

    private Sleeper stoppable(Sleeper sleeper) {
        return d -> {
            long end = System.nanoTime() + d.toNanos();
            do {
                throwIfStopping();
                sleeper.sleep(Duration.ofNanos(Math.max(0, Math.min(end - System.nanoTime(), STEP_NANOS))));
            } while (System.nanoTime() < end);
            throwIfStopping();
        };
    }

    private void throwIfStopping() throws InterruptedException {
        if (stopping.get()) {
            throw new InterruptedException("demo stopping");
        }
    }
}
