package org.scopeflow.ingest.agent;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.config.AgentSettings;
import org.scopeflow.ingest.config.WatchSettings;
import org.scopeflow.ingest.journal.Journal;
import org.scopeflow.ingest.metadata.MetadataReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest agent: one {@link WatchRunner} per watch over a shared journal and catalog. {@link #run}
 * loops until {@link #stop} (SIGTERM) or, in once mode, until every file found is finished or given up.
 *
 * <p>Threading: {@link #run} on one thread; {@link #stop} from any thread (e.g. a shutdown hook), which
 * then waits for in-flight batches to finish and the journal to be flushed.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private final Journal journal;
    private final List<WatchSettings> watches;
    private final List<WatchRunner> runners = new ArrayList<>();
    private final Clock clock;
    private final long tickMillis;
    private volatile boolean stopping;
    private final Object done = new Object();
    private boolean finished;

    /**
     * Opens the journal in state_dir and prepares every watch (restart resumes unfinished files).
     *
     * @param once when true, files are given up after {@code retry.maxAttempts()} failures
     * @throws IOException when state_dir cannot be opened
     */
    public Agent(AgentSettings settings, CatalogSink catalog, Clock clock, MetadataReader metadata, RetryPolicy retry,
                 boolean useEvents) throws IOException {
        this.clock = clock;
        this.watches = settings.watches();
        this.journal = Journal.open(settings.stateDir());
        long quietMin = Long.MAX_VALUE;
        try {
            for (WatchSettings w : settings.watches()) {
                runners.add(new WatchRunner(new WatchContext(w, journal, catalog, clock, metadata, retry), useEvents));
                quietMin = Math.min(quietMin, Math.max(w.quietMillis(), 100));
            }
        } catch (IOException | RuntimeException e) {
            journal.close();
            throw e;
        }
        this.tickMillis = Math.max(20, Math.min(250, quietMin / 5));
    }

    /**
     * Runs until {@link #stop()} or, when {@code once}, until all watches are idle.
     *
     * @return files given up on (path → reason), empty when everything was verified and catalogued
     */
    public Map<String, String> run(boolean once) {
        try {
            while (!stopping) {
                runners.forEach(WatchRunner::tick);
                if (once && runners.stream().allMatch(WatchRunner::idle)) {
                    break;
                }
                sleep();
            }
        } finally {
            shutDown();
        }
        Map<String, String> failed = new TreeMap<>();
        runners.forEach(r -> failed.putAll(r.givenUp()));
        return failed;
    }

    /** Asks {@link #run} to return after in-flight files finish; waits until it has. */
    public void stop() {
        stopping = true;
        synchronized (done) {
            while (!finished) {
                try {
                    done.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Backlog, rates and failures per watch from the live journal (what {@code scopeflow agent status} reads
     * from disk), for heartbeats. Safe to call from any thread, also after {@link #run} returned.
     */
    public AgentStatus status() {
        return AgentStatus.of(watches, journal.entries(), clock.millis(), !finishedRunning());
    }

    private boolean finishedRunning() {
        synchronized (done) {
            return finished;
        }
    }

    /** The agent's clock; exposed for tests that advance it. */
    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        stopping = true;
    }

    private void shutDown() {
        runners.forEach(WatchRunner::close);
        journal.flush();
        journal.close();
        LOG.info("agent stopped; journal flushed");
        synchronized (done) {
            finished = true;
            done.notifyAll();
        }
    }

    private void sleep() {
        try {
            Thread.sleep(tickMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
