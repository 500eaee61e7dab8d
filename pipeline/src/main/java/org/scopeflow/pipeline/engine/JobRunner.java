package org.scopeflow.pipeline.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.scopeflow.pipeline.exec.ExecutionRequest;
import org.scopeflow.pipeline.exec.StepExecutor;
import org.scopeflow.pipeline.job.Job;
import org.scopeflow.pipeline.job.JobFile;
import org.scopeflow.pipeline.job.JobRepository;
import org.scopeflow.pipeline.job.Submission;
import org.scopeflow.pipeline.spec.StepSpec;
import org.scopeflow.pipeline.spec.Trigger;

/**
 * Prepares and submits one claimed job: resolves its inputs (session files and upstream outputs,
 * with checksums for provenance), gives it a clean output directory, renders its command through the
 * step's adapter and hands it to the step's executor.
 */
final class JobRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobRepository jobs;
    private final Map<String, StepExecutor> executors;
    private final StepAdapters adapters;
    private final String engineId;

    JobRunner(JobRepository jobs, Map<String, StepExecutor> executors, StepAdapters adapters, String engineId) {
        this.jobs = jobs;
        this.executors = executors;
        this.adapters = adapters;
        this.engineId = engineId;
    }

    /**
     * Submits the job.
     *
     * @throws RuntimeException ({@link IllegalArgumentException}, {@code ExecutorException},
     *         {@link UncheckedIOException}) with the reason the job cannot run; the caller records it
     */
    ActiveAttempt submit(RunIndex index, Job job) {
        StepSpec step = step(index, job);
        Path outputDir = outputDir(index, job);
        cleanDirectory(outputDir);
        StepExecutor executor = executors.get(job.executor());
        return start(index, job, step, outputDir, executor, executor::submit);
    }

    /**
     * A job taken over from an engine that stopped after submitting it but before recording the
     * executor's id: when the executor still knows that attempt ({@link StepExecutor#findSubmitted}), it is
     * recorded as if its engine had done so (command rendered again from the same inputs) and followed,
     * instead of being submitted a second time into the same directory.
     *
     * @return the adopted attempt, or empty when the executor knows none (the job is then requeued)
     * @throws RuntimeException when the executor cannot be asked or the job's inputs cannot be resolved
     */
    java.util.Optional<ActiveAttempt> adoptUnrecorded(RunIndex index, Job job, StepExecutor executor) {
        StepSpec step = step(index, job);
        Path outputDir = outputDir(index, job);
        return executor.findSubmitted(request(job, step, outputDir, ""))
                .map(id -> start(index, job, step, outputDir, executor, request -> id));
    }

    /**
     * Resolves the job's inputs, renders its command, has {@code launch} start it (or name the attempt
     * already running) and records the submission with its inputs.
     */
    private ActiveAttempt start(RunIndex index, Job job, StepSpec step, Path outputDir, StepExecutor executor,
            java.util.function.Function<ExecutionRequest, String> launch) {
        List<JobFile> inputs = inputs(index, step, job);
        StepContext ctx = new StepContext(job, step, index.run.sessionId(), itemName(index, job),
                inputs.stream().map(f -> Path.of(f.path())).toList(), outputDir);
        PreparedStep prepared = adapters.forStep(step).prepare(ctx);
        ExecutionRequest request = request(job, step, outputDir, prepared.commandLine());
        String externalId = launch.apply(request);
        jobs.recordSubmission(job.id(), engineId, new Submission(externalId, outputDir.toString(), prepared.commandLine(),
                prepared.toolName(), prepared.toolVersion(), parametersJson(step)));
        jobs.replaceFiles(job.id(), job.attempt(), "input", inputs);
        return new ActiveAttempt(job, index, ctx, request, executor, externalId, false);
    }

    /** Rebuilds the attempt of a job taken over from a stopped engine, to follow it by its external id. */
    ActiveAttempt readopt(RunIndex index, Job job) {
        StepSpec step = step(index, job);
        Path outputDir = Path.of(job.outputDir());
        StepContext ctx = new StepContext(job, step, index.run.sessionId(), itemName(index, job), List.of(), outputDir);
        ExecutionRequest request = request(job, step, outputDir, "");
        return new ActiveAttempt(job, index, ctx, request, executors.get(job.executor()), job.externalId(), false);
    }

    /** The job's step as it runs: a rerun generation's parameter overrides applied. */
    private StepSpec step(RunIndex index, Job job) {
        StepSpec step = index.spec.requireStep(job.stepId());
        return jobs.rerunParameters(job.runId(), job.stepId(), job.generation()).map(step::withParameters).orElse(step);
    }

    static ExecutionRequest request(Job job, StepSpec step, Path outputDir, String commandLine) {
        var r = step.resources();
        return new ExecutionRequest("sf-" + job.id() + "-" + job.attempt(), commandLine, outputDir, r.cpus(), r.memoryMb(),
                r.gpus(), Duration.ofMinutes(r.timeLimitMinutes()), step.executor().partition(), step.executor().account(),
                Map.of("SCOPEFLOW_JOB_ID", Long.toString(job.id()), "SCOPEFLOW_STEP", step.id()), r.mpiRanks());
    }

    static Path outputDir(RunIndex index, Job job) {
        Path dir = index.run.workRoot().resolve(job.stepId()).resolve(itemName(index, job));
        return job.generation() == 1 ? dir : dir.resolveSibling(dir.getFileName() + "-g" + job.generation());
    }

    static String itemName(RunIndex index, Job job) {
        if (job.itemFileId() == null) {
            return job.itemKey().replace(':', '-');
        }
        SessionFile f = index.items.get(job.itemFileId());
        String name = f == null ? "" : Path.of(f.relativePath()).getFileName().toString();
        int dot = name.indexOf('.');
        return "f" + job.itemFileId() + "-" + (dot > 0 ? name.substring(0, dot) : name);
    }

    private List<JobFile> inputs(RunIndex index, StepSpec step, Job job) {
        List<Long> items = switch (step.trigger().kind()) {
            case EACH -> List.of(job.itemFileId());
            case BATCH -> jobs.batchItems(job.id());
            case FINAL -> index.items.keySet().stream().sorted().toList();
        };
        List<JobFile> files = new ArrayList<>();
        if (!step.filePatterns().isEmpty()) {
            for (Long id : items) {
                SessionFile f = index.items.get(id);
                if (f != null && JobPlanner.matches(step.filePatterns(), f)) {
                    files.add(sessionInput(index.run.inputRoot(), f));
                }
            }
        }
        for (String up : step.upstreamOutputs()) {
            boolean perItem = index.spec.requireStep(up).trigger().kind() == Trigger.Kind.EACH && step.trigger().kind() != Trigger.Kind.FINAL;
            files.addAll(jobs.outputsOfStep(index.run.id(), up, perItem ? items.stream().map(Job::fileKey).toList() : null));
        }
        return files;
    }

    private static JobFile sessionInput(Path root, SessionFile f) {
        Path path = root.resolve(f.relativePath());
        if (f.checksumValue() != null) {
            return new JobFile(path.toString(), f.id(), f.sizeBytes(), f.checksumAlgorithm(), f.checksumValue());
        }
        return new JobFile(path.toString(), f.id(), f.sizeBytes(), "sha256", sha256(path));
    }

    /** Lower-case hex SHA-256 of a file. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStreamSink.INSTANCE);
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input " + file + ": " + e.getMessage()
                    + "; the file may have been moved or deleted since it was catalogued", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void cleanDirectory(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        if (!p.equals(dir)) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare output directory " + dir + ": " + e.getMessage()
                    + "; check permissions and free space of the work directory", e);
        }
    }

    private static String parametersJson(StepSpec step) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(step.parameters()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters of step " + step.id() + " cannot be written as JSON", e);
        }
    }

    /** Discards bytes; used to drive a digest stream. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    static Map<String, Metric> prefixed(String step, Map<String, Metric> metrics) {
        Map<String, Metric> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(step + "." + k, v));
        return out;
    }
}
