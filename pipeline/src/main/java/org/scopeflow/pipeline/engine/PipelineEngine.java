package org.scopeflow.pipeline.engine;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.pipeline.exec.ExecutionStatus;
import org.scopeflow.pipeline.exec.ExecutorException;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.exec.StepExecutor;
import org.scopeflow.pipeline.job.Job;
import org.scopeflow.pipeline.job.JobRepository;
import org.scopeflow.pipeline.job.JobState;
import org.scopeflow.pipeline.job.PipelineRun;
import org.scopeflow.pipeline.job.RunRepository;
import org.scopeflow.pipeline.spec.PipelineParser;
import org.scopeflow.pipeline.spec.PipelineSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline engine: plans jobs from new session files and finished jobs, claims queued jobs,
 * submits them through executors, follows them and records their outcomes. All state lives in the
 * catalog, so an engine can be killed at any point: a new one on the same database runs the queued
 * jobs, re-adopts Slurm jobs by their id once the old engine's leases expire, requeues local jobs
 * that died with it, and never recomputes succeeded jobs. Several engines may share one PostgreSQL.
 *
 * <p>Drive it with {@link #runUntilIdle} (batch mode, tests) or {@link #start} (a background loop).
 * Methods are called from one thread at a time, except {@link #close}.
 */
public final class PipelineEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);
    private final EngineSettings settings;
    private final Clock clock;
    private final JobRepository jobs;
    private final RunRepository runs;
    private final Map<String, StepExecutor> executors;
    private final JobPlanner planner;
    private final JobRunner runner;
    private final AttemptFinisher finisher;
    private final Map<Long, RunIndex> indexes = new LinkedHashMap<>();
    private final Map<Long, ActiveAttempt> active = new LinkedHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private Instant nextRenewal = Instant.MIN;
    private Instant nextTakeover = Instant.MIN;
    private long nextRescanNanos = System.nanoTime();
    private volatile long nextFileScanNanos = System.nanoTime();
    private volatile Thread loop;

    public PipelineEngine(Jdbi jdbi, Map<String, StepExecutor> executors, StepAdapters adapters, EngineSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.jobs = new JobRepository(jdbi, clock);
        this.runs = new RunRepository(jdbi, clock);
        this.executors = Map.copyOf(executors);
        SessionCatalog catalog = new SessionCatalog(jdbi, clock);
        this.planner = new JobPlanner(jobs, catalog, clock);
        this.runner = new JobRunner(jobs, this.executors, adapters, settings.engineId());
        this.finisher = new AttemptFinisher(jobs, catalog, adapters, settings.engineId(), clock);
        this.executors.values().forEach(e -> e.onChange(wake::release));
    }

    public String engineId() {
        return settings.engineId();
    }

    /**
     * Attaches a pipeline to a session (validating the YAML), or returns the run already attached
     * under the same pipeline name.
     *
     * @throws org.scopeflow.model.config.ConfigException when the YAML is invalid
     */
    public PipelineRun attach(long sessionId, String specYaml, Path inputRoot, Path workRoot) {
        PipelineSpec spec = new PipelineParser().parse(specYaml, "pipeline for session " + sessionId);
        PipelineRun run = runs.attach(sessionId, spec.name(), specYaml, inputRoot, workRoot);
        index(run);
        return run;
    }

    /** Marks a run closed (no more items): batches flush and final steps run once upstream is done. */
    public void closeRun(long runId) {
        runs.close(runId);
        runs.find(runId).ifPresent(this::index);
        nudge();
    }

    /**
     * One pass: keep leases, take over orphaned jobs, plan, follow running attempts, submit.
     *
     * @return how many things happened (jobs created, submitted or finished); 0 means nothing to do now
     */
    public int pass() {
        Instant now = clock.instant();
        if (!now.isBefore(nextRenewal)) {
            jobs.renewLeases(settings.engineId(), settings.lease());
            nextRenewal = now.plus(settings.lease().dividedBy(3));
        }
        if (System.nanoTime() - nextRescanNanos >= 0) {
            rescan();
        }
        int work = 0;
        if (!now.isBefore(nextTakeover)) {
            work += takeOver();
            nextTakeover = now.plus(settings.lease().dividedBy(2));
        }
        boolean scanFiles = System.nanoTime() - nextFileScanNanos >= 0;
        if (scanFiles) {
            nextFileScanNanos = System.nanoTime() + settings.pollInterval().toNanos();
        }
        for (RunIndex index : indexes.values()) {
            work += planner.plan(index, scanFiles);
        }
        if (scanFiles) {
            cancelRequested();
        }
        work += follow();
        work += submit();
        if (active.isEmpty()) {
            for (RunIndex index : indexes.values()) {
                work += planner.planFinal(index);
            }
        }
        return work;
    }

    /**
     * Runs passes until every job of every known run has finished and nothing more can be planned,
     * or the timeout passes. Retries waiting for their back-off keep it running.
     *
     * @return true when idle, false on timeout
     */
    public boolean runUntilIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int work = pass();
            if (work == 0 && active.isEmpty() && allFinished()) {
                return true;
            }
            if (work == 0) {
                wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            }
        }
        return false;
    }

    private boolean allFinished() {
        for (Long runId : new ArrayList<>(indexes.keySet())) {
            RunIndex index = indexes.get(runId);
            if (planner.plan(index, true) > 0 || jobs.unfinished(runId) > 0) {
                return false;
            }
            if (index.upstreamBusy()) {
                // Another engine may have finished jobs this view still has as queued: catch up now.
                rescan();
                index = indexes.get(runId);
                if (planner.plan(index, true) > 0 || index.upstreamBusy()) {
                    return false;
                }
            }
            if (index.run.closed() && planner.planFinal(index) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Starts a background loop that runs passes until {@link #close}. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    if (pass() == 0) {
                        wake.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (jvmShuttingDown()) {
                        // The process is stopping (Ctrl-C, SIGTERM): the embedded database may already be closed by
                        // its own exit hook; the pass's work is redone by the next engine, so this is not an error.
                        LOG.info("pipeline engine {}: pass stopped by the process shutting down ({})", settings.engineId(),
                                firstClause(e));
                        return;
                    }
                    LOG.error("pipeline engine {}: pass failed, retrying after {}", settings.engineId(), settings.pollInterval(), e);
                    try {
                        Thread.sleep(settings.pollInterval().toMillis());
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }, "pipeline-engine");
        loop.setDaemon(true);
        loop.start();
    }

    /** Wakes the engine now and makes it look for new files (e.g. files landed). */
    public void nudge() {
        nextFileScanNanos = System.nanoTime();
        wake.release();
    }

    private void rescan() {
        for (PipelineRun run : runs.all()) {
            RunIndex index = indexes.get(run.id());
            if (index == null || index.run.closed() != run.closed()) {
                index = index(run);
            }
            Map<String, java.util.Set<Long>> batched = new LinkedHashMap<>();
            for (var s : index.spec.steps()) {
                batched.put(s.id(), jobs.batchedItems(run.id(), s.id(), 1));
            }
            index.reload(jobs.jobsOfRun(run.id()), batched);
        }
        nextRescanNanos = System.nanoTime() + settings.rescanInterval().toNanos();
    }

    private RunIndex index(PipelineRun run) {
        PipelineSpec spec = new PipelineParser().parse(run.specYaml(), "stored pipeline of run " + run.id());
        RunIndex index = new RunIndex(run, spec);
        index.reload(jobs.jobsOfRun(run.id()), Map.of());
        indexes.put(run.id(), index);
        return index;
    }

    private RunIndex indexOf(long runId) {
        RunIndex index = indexes.get(runId);
        if (index == null) {
            index = index(runs.find(runId).orElseThrow(() -> new IllegalStateException("job refers to missing run " + runId)));
            planner.plan(index, true);
        }
        return index;
    }

    private int takeOver() {
        List<Job> orphans = jobs.takeOverExpired(settings.engineId(), settings.lease());
        for (Job job : orphans) {
            RunIndex index = indexOf(job.runId());
            StepExecutor executor = executors.get(job.executor());
            if (executor != null && executor.survivesRestart() && job.externalId() != null) {
                LOG.info("job {} ({} {}): re-adopting {} job {} from a stopped engine", job.id(), job.stepId(), job.itemKey(),
                        job.executor(), job.externalId());
                active.put(job.id(), runner.readopt(index, job));
            } else if (executor != null && executor.survivesRestart() && adoptUnrecorded(index, job, executor)) {
                continue;
            } else {
                LOG.info("job {} ({} {}): requeued, its engine stopped while it ran on {}", job.id(), job.stepId(), job.itemKey(), job.executor());
                jobs.requeue(job, settings.engineId(), "engine stopped while the job ran on " + job.executor()
                        + (job.externalId() == null ? " (never submitted)" : " as " + job.externalId()) + "; requeued");
                index.record(job, JobState.QUEUED);
            }
        }
        return orphans.size();
    }

    /**
     * Whether a job whose engine stopped between submitting it and recording its id is followed now: true
     * when the executor still knows the attempt (adopted), or could not be asked (left for a later pass, so
     * that the work is never started twice); false when it knows none (the caller requeues the job).
     */
    private boolean adoptUnrecorded(RunIndex index, Job job, StepExecutor executor) {
        try {
            if (job.itemFileId() != null && !index.items.containsKey(job.itemFileId())) {
                planner.plan(index, true); // the item's file names the output directory the attempt was given
            }
            java.util.Optional<ActiveAttempt> adopted = runner.adoptUnrecorded(index, job, executor);
            adopted.ifPresent(a -> {
                LOG.info("job {} ({} {}): adopting {} job {} that a stopped engine submitted without recording it",
                        job.id(), job.stepId(), job.itemKey(), job.executor(), a.externalId);
                active.put(job.id(), a);
            });
            return adopted.isPresent();
        } catch (RuntimeException e) {
            LOG.warn("job {} ({} {}): cannot tell whether {} already runs it ({}); trying again when its lease expires",
                    job.id(), job.stepId(), job.itemKey(), job.executor(), e.getMessage());
            jobs.stopRenewing(job.id(), settings.engineId());
            return true;
        }
    }

    private void cancelRequested() {
        for (Long id : jobs.cancelRequested(settings.engineId())) {
            ActiveAttempt a = active.get(id);
            if (a != null) {
                LOG.info("job {} ({} {}): cancelling {} job {} on request", id, a.job.stepId(), a.job.itemKey(),
                        a.executor.name(), a.externalId);
                a.executor.cancel(a.externalId);
            }
        }
    }

    private int follow() {
        int finished = 0;
        for (ActiveAttempt a : new ArrayList<>(active.values())) {
            ExecutionStatus s;
            try {
                s = a.executor.status(a.externalId);
            } catch (ExecutorException e) {
                LOG.warn("job {}: cannot read status of {} job {}: {}; retrying next pass", a.job.id(), a.executor.name(), a.externalId, e.getMessage());
                continue;
            }
            if (s.phase() == ExecutionStatus.Phase.RUNNING && !a.runningRecorded) {
                a.runningRecorded = jobs.markRunning(a.job.id(), settings.engineId(), s.host(), s.startedAt());
            }
            if (s.phase().isTerminal()) {
                active.remove(a.job.id());
                if (a.executor instanceof LocalExecutor local) {
                    local.forget(a.externalId);
                }
                finisher.finish(a, s).ifPresent(state -> {
                    a.index.record(a.job, state);
                    log(a, state);
                });
                finished++;
            }
        }
        return finished;
    }

    private void log(ActiveAttempt a, JobState state) {
        if (state == JobState.SUCCEEDED) {
            LOG.debug("job {} ({} {}): succeeded", a.job.id(), a.job.stepId(), a.job.itemKey());
        } else {
            LOG.info("job {} ({} {}): attempt {} ended, now {}", a.job.id(), a.job.stepId(), a.job.itemKey(), a.job.attempt(), state.label());
        }
    }

    private int submit() {
        int free = settings.maxInFlight() - active.size();
        if (free < Math.max(1, settings.maxInFlight() / 4) && !active.isEmpty()) {
            return 0; // claim in batches: one claim per finished job would query the queue once per job
        }
        List<Job> claimed = jobs.claim(settings.engineId(), executors.keySet(), free, settings.lease());
        for (Job job : claimed) {
            RunIndex index = indexOf(job.runId());
            try {
                ActiveAttempt a = runner.submit(index, job);
                active.put(job.id(), a);
            } catch (IllegalArgumentException | ExecutorException | UncheckedIOException e) {
                ActiveAttempt failed = runner.readopt(index, new Job(job.id(), job.runId(), job.stepId(), job.itemKey(),
                        job.itemFileId(), job.generation(), job.state(), job.attempt(), job.maxAttempts(), job.executor(),
                        job.claimedBy(), job.leaseUntil(), null, JobRunner.outputDir(index, job).toString()));
                finisher.failBeforeStart(failed, e.getMessage()).ifPresent(state -> index.record(job, state));
                LOG.info("job {} ({} {}): cannot run: {}", job.id(), job.stepId(), job.itemKey(), e.getMessage());
            }
        }
        return claimed.size();
    }

    /** Cancels every unfinished job of a run (queued ones at once, running ones through their executor). */
    public void cancelRun(long runId) {
        jobs.cancelQueued(runId, "cancelled by request");
        for (ActiveAttempt a : active.values()) {
            if (a.job.runId() == runId) {
                a.executor.cancel(a.externalId);
            }
        }
        RunIndex index = indexes.get(runId);
        if (index != null) {
            index(index.run);
        }
    }

    /**
     * The innermost cause's message up to its first parenthesis: H2's "Database is already closed (to
     * disable automatic closing at VM shutdown, add …)" would otherwise read as advice to change the URL.
     */
    private static String firstClause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int paren = message.indexOf(" (");
        return paren > 0 ? message.substring(0, paren) : message;
    }

    /** Whether the JVM has begun to shut down (a hook can no longer be registered then). */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** Stops the background loop. Running attempts keep running; their jobs stay claimed until the lease expires. */
    @Override
    public void close() {
        Thread t = loop;
        if (t != null) {
            t.interrupt();
        }
    }
}
