package org.scopeflow.pipeline.exec;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs attempts as processes on this machine ({@code bash -c COMMAND}) within CPU, memory and GPU
 * slots: an attempt starts when its whole request fits, in submission order (a large request at the
 * head waits rather than being overtaken forever). A process over its time limit is killed with its
 * descendants. Processes do not survive this JVM: after a restart their jobs are requeued.
 */
public final class LocalExecutor implements StepExecutor {
    private final LocalCapacity capacity;
    private final Clock clock;
    private final String host;
    private final Deque<LocalAttempt> pending = new ArrayDeque<>();
    private final Map<String, LocalAttempt> attempts = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-executor-timer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong sequence = new AtomicLong();
    private final BitSet gpusInUse = new BitSet();
    private int cpusFree;
    private long memoryFreeMb;

    public LocalExecutor(LocalCapacity capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.cpusFree = capacity.cpus();
        this.memoryFreeMb = capacity.memoryMb();
        this.host = hostName();
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public void validate(ExecutionRequest r) {
        if (r.mpiRanks() > 1 && r.totalCpus() > capacity.cpus()) {
            throw new ExecutorException(r.name(), "resources.mpi_ranks " + r.mpiRanks() + " × resources.cpus " + r.cpus()
                    + " = " + r.totalCpus() + " CPUs exceeds the local executor's " + capacity.cpus()
                    + " CPUs; lower resources.mpi_ranks or resources.cpus, or run the step on slurm");
        }
        check(r, "cpus", r.cpus(), capacity.cpus(), "CPUs");
        check(r, "memory_mb", r.memoryMb(), capacity.memoryMb(), "MiB");
        check(r, "gpus", r.gpus(), capacity.gpus(), "GPUs");
    }

    private static void check(ExecutionRequest r, String key, long asked, long have, String unit) {
        if (asked > have) {
            throw new ExecutorException(r.name(), "resources." + key + " " + asked + " exceeds the local executor's "
                    + have + " " + unit + "; lower resources." + key + " or run the step on slurm");
        }
    }

    @Override
    public String submit(ExecutionRequest request) {
        validate(request);
        try {
            Files.createDirectories(request.logDir());
        } catch (IOException e) {
            throw new ExecutorException(request.name(), "cannot create " + request.logDir() + ": " + e.getMessage()
                    + "; check the work directory's permissions and free space");
        }
        String id = "local-" + ProcessHandle.current().pid() + "-" + sequence.incrementAndGet();
        LocalAttempt attempt = new LocalAttempt(id, request);
        attempts.put(id, attempt);
        synchronized (this) {
            pending.add(attempt);
        }
        startWhatFits();
        return id;
    }

    @Override
    public ExecutionStatus status(String externalId) {
        LocalAttempt a = attempts.get(externalId);
        if (a == null) {
            return ExecutionStatus.lost("no local process " + externalId + " in this engine; it ran in an engine "
                    + "that stopped (local processes do not survive a restart)");
        }
        return a.status();
    }

    @Override
    public void cancel(String externalId) {
        LocalAttempt a = attempts.get(externalId);
        if (a == null) {
            return;
        }
        boolean wasPending;
        synchronized (this) {
            wasPending = pending.remove(a);
        }
        if (wasPending) {
            a.finish(ExecutionStatus.Phase.CANCELLED, null, "cancelled before it started", clock.instant());
            fire();
        } else {
            a.kill(ExecutionStatus.Phase.CANCELLED, "cancelled by Scopeflow");
        }
    }

    /** Forgets a finished attempt (the engine calls this once the outcome is recorded). */
    public void forget(String externalId) {
        LocalAttempt a = attempts.get(externalId);
        if (a != null && a.status().phase().isTerminal()) {
            attempts.remove(externalId);
        }
    }

    @Override
    public boolean survivesRestart() {
        return false;
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }

    private void startWhatFits() {
        while (true) {
            LocalAttempt next;
            synchronized (this) {
                next = pending.peek();
                if (next == null || !fits(next.request)) {
                    return;
                }
                pending.poll();
                take(next);
            }
            start(next);
        }
    }

    private boolean fits(ExecutionRequest r) {
        return r.totalCpus() <= cpusFree && r.memoryMb() <= memoryFreeMb && r.gpus() <= capacity.gpus() - gpusInUse.cardinality();
    }

    private void take(LocalAttempt a) {
        cpusFree -= a.request.totalCpus();
        memoryFreeMb -= a.request.memoryMb();
        StringBuilder devices = new StringBuilder();
        for (int i = 0, n = 0; n < a.request.gpus(); i++) {
            if (!gpusInUse.get(i)) {
                gpusInUse.set(i);
                a.gpuIndices.set(i);
                devices.append(devices.length() == 0 ? "" : ",").append(i);
                n++;
            }
        }
        a.cudaDevices = devices.toString();
    }

    private synchronized void release(LocalAttempt a) {
        cpusFree += a.request.totalCpus();
        memoryFreeMb += a.request.memoryMb();
        gpusInUse.andNot(a.gpuIndices);
    }

    private void start(LocalAttempt a) {
        ExecutionRequest r = a.request;
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", r.commandLine()).directory(r.workDir().toFile())
                .redirectOutput(r.stdoutFile().toFile()).redirectError(r.stderrFile().toFile());
        pb.environment().putAll(r.environment());
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(r.cpus()));
        pb.environment().put("CUDA_VISIBLE_DEVICES", a.cudaDevices);
        pb.environment().put("SCOPEFLOW_CPUS", Integer.toString(r.cpus()));
        try {
            a.started(pb.start(), clock.instant());
        } catch (IOException e) {
            release(a);
            a.finish(ExecutionStatus.Phase.FAILED, null, "cannot start bash: " + e.getMessage(), clock.instant());
            fire();
            startWhatFits();
            return;
        }
        ScheduledFuture<?> limit = timer.schedule(() -> a.kill(ExecutionStatus.Phase.TIMED_OUT,
                "time limit of " + r.timeLimit().toSeconds() + " s exceeded; process killed"),
                r.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        a.process.onExit().thenRun(() -> {
            limit.cancel(false);
            release(a);
            a.exited(clock.instant());
            fire();
            startWhatFits();
        });
        fire();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        attempts.values().forEach(a -> a.kill(ExecutionStatus.Phase.CANCELLED, "executor closed"));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** One attempt's mutable state; all access synchronized on the attempt. */
    private final class LocalAttempt {
        final String id;
        final ExecutionRequest request;
        final BitSet gpuIndices = new BitSet();
        String cudaDevices = "";
        Process process;
        Instant startedAt;
        ExecutionStatus.Phase killedAs;
        String killReason;
        ExecutionStatus finished;

        LocalAttempt(String id, ExecutionRequest request) {
            this.id = id;
            this.request = request;
        }

        synchronized void started(Process p, Instant at) {
            process = p;
            startedAt = at;
        }

        synchronized ExecutionStatus status() {
            if (finished != null) {
                return finished;
            }
            if (process == null) {
                return ExecutionStatus.pending();
            }
            return new ExecutionStatus(ExecutionStatus.Phase.RUNNING, null, "", host, startedAt, null);
        }

        synchronized void kill(ExecutionStatus.Phase as, String reason) {
            if (process == null || finished != null) {
                return;
            }
            killedAs = as;
            killReason = reason;
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        synchronized void exited(Instant at) {
            int exit = process.exitValue();
            if (killedAs != null) {
                finish(killedAs, null, killReason, at);
            } else {
                finish(exit == 0 ? ExecutionStatus.Phase.SUCCEEDED : ExecutionStatus.Phase.FAILED, exit,
                        exit == 0 ? "" : "exit code " + exit, at);
            }
        }

        synchronized void finish(ExecutionStatus.Phase phase, Integer exit, String reason, Instant at) {
            finished = new ExecutionStatus(phase, exit, reason, host, startedAt, at);
        }
    }
}
