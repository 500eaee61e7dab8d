package org.scopeflow.pipeline.engine;

import java.time.Duration;
import java.util.UUID;

/**
 * How an engine behaves.
 *
 * @param engineId        unique among engines sharing a catalog; holds claims and leases
 * @param lease           how long a claim stays this engine's without renewal; after that another
 *                        engine takes the job over (re-adopts a Slurm job, requeues a local one)
 * @param maxInFlight     attempts submitted and not finished at most (the local executor queues
 *                        beyond its slots; Slurm queues on its side)
 * @param pollInterval    longest sleep between passes when nothing wakes the engine (Slurm is polled this often)
 * @param rescanInterval  how often the in-memory view is rebuilt from the catalog (to see other engines' work)
 */
public record EngineSettings(String engineId, Duration lease, int maxInFlight, Duration pollInterval, Duration rescanInterval) {
    public EngineSettings {
        if (engineId == null || engineId.isBlank()) {
            throw new IllegalArgumentException("engineId must not be blank");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || maxInFlight < 1 || pollInterval.isNegative() || rescanInterval.isNegative()) {
            throw new IllegalArgumentException("engine settings out of range: lease " + lease + " (>= 1 s), maxInFlight "
                    + maxInFlight + " (>= 1), pollInterval " + pollInterval + ", rescanInterval " + rescanInterval);
        }
    }

    /** Defaults: a fresh id from host and a random part, 60 s lease, 64 in flight, 1 s poll, 30 s rescan. */
    public static EngineSettings defaults() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return new EngineSettings(host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8),
                Duration.ofSeconds(60), 64, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public EngineSettings withEngineId(String id) {
        return new EngineSettings(id, lease, maxInFlight, pollInterval, rescanInterval);
    }

    public EngineSettings withPollInterval(Duration poll) {
        return new EngineSettings(engineId, lease, maxInFlight, poll, rescanInterval);
    }
}
