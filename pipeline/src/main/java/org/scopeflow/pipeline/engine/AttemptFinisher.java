package org.scopeflow.pipeline.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scopeflow.pipeline.exec.ExecutionStatus;
import org.scopeflow.pipeline.exec.Tails;
import org.scopeflow.pipeline.job.JobFile;
import org.scopeflow.pipeline.job.JobOutcome;
import org.scopeflow.pipeline.job.JobRepository;
import org.scopeflow.pipeline.job.JobState;

/**
 * Turns an ended attempt into the job's outcome. Exit 0 is not enough: declared outputs must exist,
 * be non-empty and (STAR files) have rows, and the adapter's own checks and metrics must pass. On
 * success the outputs are registered as catalog files (with SHA-256) and the metrics recorded with
 * their units — before the job is marked succeeded, so that a crash in between repeats this
 * idempotent work rather than leaving a succeeded job without results.
 */
final class AttemptFinisher {
    /** Text metadata of an item whose processing failed for good: "step: reason". */
    static final String PROCESSING_ERROR = "processing_error";
    private final JobRepository jobs;
    private final SessionCatalog catalog;
    private final StepAdapters adapters;
    private final String engineId;
    private final Clock clock;

    AttemptFinisher(JobRepository jobs, SessionCatalog catalog, StepAdapters adapters, String engineId, Clock clock) {
        this.jobs = jobs;
        this.catalog = catalog;
        this.adapters = adapters;
        this.engineId = engineId;
        this.clock = clock;
    }

    /** Records the outcome; returns the job's new state, or empty when another engine holds it now. */
    Optional<JobState> finish(ActiveAttempt a, ExecutionStatus status) {
        JobOutcome outcome = outcome(a, status);
        if (outcome.state() == JobState.SUCCEEDED) {
            outcome = verifyAndRecord(a, outcome);
        } else if (outcome.state() == JobState.FAILED && outcome.exitCode() != null) {
            outcome = outcome.failed(outcome.failureReason() + explanation(a));
        }
        return markItem(a, jobs.finish(a.job, engineId, outcome, a.context.step().retries()), outcome);
    }

    /** Records a job that could not even be submitted. */
    Optional<JobState> failBeforeStart(ActiveAttempt a, String reason) {
        JobOutcome outcome = new JobOutcome(JobState.FAILED, null, reason, "", "", null, null, clock.instant());
        return markItem(a, jobs.finish(a.job, engineId, outcome, a.context.step().retries()), outcome);
    }

    /**
     * Marks the item of a per-item job that failed for good with {@value #PROCESSING_ERROR}
     * ("step: reason", what the dashboard counts and shows as failed), and clears that mark when the
     * same step later succeeds for the item (a retry or a rerun).
     */
    private Optional<JobState> markItem(ActiveAttempt a, Optional<JobState> state, JobOutcome outcome) {
        Long item = a.job.itemFileId();
        if (item == null || state.isEmpty()) {
            return state;
        }
        String step = a.context.step().id();
        if (state.get() == JobState.FAILED) {
            catalog.putTexts("file", item, Map.of(PROCESSING_ERROR, step + ": " + outcome.failureReason()));
        } else if (state.get() == JobState.SUCCEEDED) {
            catalog.removeTextStartingWith("file", item, PROCESSING_ERROR, step + ": ");
        }
        return state;
    }

    /** What the tool itself said about a non-zero exit (e.g. qc's JSON failures), or "". */
    private String explanation(ActiveAttempt a) {
        try {
            List<String> problems = adapters.forStep(a.context.step()).outputProblems(a.context);
            return problems.isEmpty() ? "" : ": " + String.join("; ", problems);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private JobOutcome outcome(ActiveAttempt a, ExecutionStatus s) {
        String out = Tails.of(a.request.stdoutFile(), Tails.DEFAULT_BYTES);
        String err = Tails.of(a.request.stderrFile(), Tails.DEFAULT_BYTES);
        var ended = s.endedAt() == null ? clock.instant() : s.endedAt();
        return switch (s.phase()) {
            case SUCCEEDED -> new JobOutcome(JobState.SUCCEEDED, s.exitCode(), null, out, err, s.host(), s.startedAt(), ended);
            case FAILED -> new JobOutcome(JobState.FAILED, s.exitCode(), s.reason().isEmpty() ? "exit code " + s.exitCode() : s.reason(),
                    out, err, s.host(), s.startedAt(), ended);
            case TIMED_OUT -> new JobOutcome(JobState.FAILED, null, "time limit of " + a.context.step().resources().timeLimitMinutes()
                    + " min exceeded: " + s.reason(), out, err, s.host(), s.startedAt(), ended);
            case CANCELLED -> new JobOutcome(JobState.CANCELLED, null, s.reason(), out, err, s.host(), s.startedAt(), ended);
            case LOST -> new JobOutcome(JobState.FAILED, null, "lost: " + s.reason(), out, err, s.host(), s.startedAt(), ended);
            default -> throw new IllegalStateException("attempt " + a.externalId + " is not finished: " + s.phase());
        };
    }

    private JobOutcome verifyAndRecord(ActiveAttempt a, JobOutcome ok) {
        StepContext c = a.context;
        List<String> problems = new ArrayList<>(OutputCheck.problems(c.outputDir(), c.step().outputs()));
        try {
            StepAdapter adapter = adapters.forStep(c.step());
            problems.addAll(adapter.outputProblems(c));
            if (!problems.isEmpty()) {
                return ok.failed("exit code 0 but " + String.join("; ", problems));
            }
            Map<String, Metric> metrics = JobRunner.prefixed(c.step().id(), adapter.metrics(c));
            // drawn before the outputs are registered, so that an image the adapter renders (2D classes) is one of them
            Map<String, String> images = imagePaths(a.index.run.inputRoot(), c.step().id(), adapter.images(c));
            jobs.replaceFiles(a.job.id(), a.job.attempt(), "output", registerOutputs(a));
            boolean perItem = a.job.itemFileId() != null;
            if (!metrics.isEmpty()) {
                catalog.putMetrics(perItem ? "file" : "session", perItem ? a.job.itemFileId() : c.sessionId(), metrics);
            }
            // per-item images belong to the item; those of batch and final jobs (2D classes) to the session, the newest replacing the last
            if (!images.isEmpty()) {
                catalog.putTexts(perItem ? "file" : "session", perItem ? a.job.itemFileId() : c.sessionId(), images);
            }
            return ok;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return ok.failed("exit code 0 but its results cannot be used: " + e.getMessage());
        }
    }

    /** {@code step.field} → path relative to the input root, for the images that lie under it. */
    static Map<String, String> imagePaths(Path inputRoot, String step, Map<String, Path> images) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Path root = inputRoot.toAbsolutePath().normalize();
        images.forEach((field, path) -> {
            Path p = path.toAbsolutePath().normalize();
            if (p.startsWith(root) && Files.isRegularFile(p)) {
                out.put(step + "." + field, root.relativize(p).toString().replace('\\', '/'));
            }
        });
        return out;
    }

    private List<JobFile> registerOutputs(ActiveAttempt a) {
        Path workRoot = a.index.run.workRoot();
        List<JobFile> files = new ArrayList<>();
        for (Path f : OutputCheck.files(a.context.outputDir())) {
            try {
                long size = Files.size(f);
                String sum = JobRunner.sha256(f);
                String rel = workRoot.relativize(f).toString();
                long id = catalog.registerFile(a.context.sessionId(), SessionCatalog.OUTPUT_ROOT,
                        a.index.run.pipelineName() + "/" + rel, size, "sha256", sum);
                files.add(new JobFile(f.toString(), id, size, "sha256", sum));
            } catch (IOException e) {
                throw new UncheckedIOException("output " + f + " cannot be read: " + e.getMessage(), e);
            }
        }
        return files;
    }
}
