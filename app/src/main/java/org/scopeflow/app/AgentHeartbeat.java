package org.scopeflow.app;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.scopeflow.ingest.CatalogUnavailableException;
import org.scopeflow.ingest.agent.AgentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the server, every interval and once more when the agent stops, what {@code scopeflow agent status}
 * would show: backlog (files and bytes not yet catalogued), the rate files were catalogued at over the last
 * five minutes (bytes/s) and the most recent failure. A heartbeat the server does not take is logged once
 * per outage and not retried: the next one carries newer figures.
 */
final class AgentHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentHeartbeat.class);
    private final ServerCatalogSink server;
    private final Supplier<AgentStatus> status;
    private final ScheduledExecutorService timer;
    private boolean failing;

    /** Starts beating at once and then every {@code interval}. */
    AgentHeartbeat(ServerCatalogSink server, Supplier<AgentStatus> status, Duration interval) {
        this.server = server;
        this.status = status;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void beat() {
        if (server.fatalError().isPresent()) {
            return;
        }
        AgentStatus s = status.get();
        long files = 0;
        long bytes = 0;
        double rate = 0;
        String lastError = null;
        for (AgentStatus.WatchStatus w : s.watches()) {
            files += w.backlogFiles();
            bytes += w.backlogBytes();
            rate += w.bytesPerSecond();
            lastError = w.lastFailure() == null ? lastError : w.name() + ": " + w.lastFailure();
        }
        try {
            server.heartbeat(files, bytes, rate, lastError);
            if (failing) {
                LOG.info("heartbeat: the server takes heartbeats again");
            }
            failing = false;
        } catch (CatalogUnavailableException e) {
            if (!failing) {
                LOG.warn("heartbeat: {}; trying again with the next one", e.getMessage());
            }
            failing = true;
        } catch (RuntimeException e) {
            // A refused token is reported (and stops the agent) by the sink itself; anything else is a bug.
            if (!(e instanceof UserFacingException)) {
                LOG.error("heartbeat failed", e);
            }
        }
    }

    /** Stops the timer and reports the final figures. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        beat();
    }
}
