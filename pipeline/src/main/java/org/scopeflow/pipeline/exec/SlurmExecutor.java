package org.scopeflow.pipeline.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs attempts as Slurm batch jobs: {@code sbatch --parsable} a script that runs the command with
 * {@code bash -c} in the output directory; follows them with {@code scontrol show job -o} (which works
 * without slurmdbd, unlike sacct); cancels with {@code scancel}. Requests are checked against the
 * partition ({@code scontrol show partition -o}, {@code scontrol show node -o}) before submission.
 * Jobs survive a restart of this process and are followed again by their Slurm id. A job cancelled
 * by anyone other than this executor is reported as cancelled outside Scopeflow.
 */
public final class SlurmExecutor implements StepExecutor {
    private final SlurmCli cli;
    private final Set<String> cancelledByUs = ConcurrentHashMap.newKeySet();

    public SlurmExecutor(SlurmCli cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return "slurm";
    }

    @Override
    public void validate(ExecutionRequest r) {
        SlurmCli.Result partitions = cli.run(List.of("scontrol", "show", "partition", "-o"));
        SlurmCli.Result nodes = cli.run(List.of("scontrol", "show", "node", "-o"));
        if (!partitions.ok() || !nodes.ok()) {
            throw new ExecutorException(r.name(), "cannot read Slurm partitions; is slurmctld running (scontrol ping)?",
                    partitions.stderr() + nodes.stderr());
        }
        List<String> problems = new SlurmPartitionCheck(SlurmRecord.parseLines(partitions.stdout()),
                SlurmRecord.parseLines(nodes.stdout())).problems(r);
        if (!problems.isEmpty()) {
            throw new ExecutorException(r.name(), String.join("; ", problems));
        }
    }

    @Override
    public String submit(ExecutionRequest r) {
        validate(r);
        var script = r.logDir().resolve("job.sh");
        try {
            Files.createDirectories(r.logDir());
            Files.writeString(script, script(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExecutorException(r.name(), "cannot write " + script + ": " + e.getMessage()
                    + "; the work directory must be writable and shared with the compute nodes");
        }
        SlurmCli.Result result = cli.run(List.of("sbatch", "--parsable", script.toString()));
        String id = result.stdout().strip().split(";")[0];
        if (!result.ok() || !id.matches("[0-9]+")) {
            throw new ExecutorException(r.name(), "sbatch refused the job (exit " + result.exitCode() + ")", result.stderr());
        }
        return id;
    }

    /**
     * By name among the jobs slurmctld still knows (pending, running, and finished within MinJobAge):
     * {@code squeue --states=all --name=NAME}, keeping only a job whose working directory is the request's,
     * so that a job of another catalog with the same name is never taken.
     */
    @Override
    public java.util.Optional<String> findSubmitted(ExecutionRequest r) {
        SlurmCli.Result result = cli.run(List.of("squeue", "--noheader", "--states=all", "--name=" + r.name(), "--format=%i|%Z"));
        if (!result.ok()) {
            throw new ExecutorException(r.name(), "squeue failed (exit " + result.exitCode() + "); is slurmctld running (scontrol ping)?",
                    result.stderr());
        }
        Path want = r.workDir().toAbsolutePath().normalize();
        return result.stdout().lines().map(String::strip).filter(l -> l.contains("|"))
                .filter(l -> Path.of(l.substring(l.indexOf('|') + 1).strip()).toAbsolutePath().normalize().equals(want))
                .map(l -> l.substring(0, l.indexOf('|')).strip()).filter(id -> id.matches("[0-9]+")).findFirst();
    }

    static String script(ExecutionRequest r) {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("#SBATCH --job-name=" + r.name());
        lines.add("#SBATCH --output=" + r.stdoutFile());
        lines.add("#SBATCH --error=" + r.stderrFile());
        lines.add("#SBATCH --chdir=" + r.workDir());
        if (r.mpiRanks() > 1) {
            lines.add("#SBATCH --ntasks=" + r.mpiRanks());
        }
        lines.add("#SBATCH --cpus-per-task=" + r.cpus());
        lines.add("#SBATCH --mem=" + r.memoryMb() + "M");
        long seconds = Math.max(1, r.timeLimit().toSeconds());
        lines.add("#SBATCH --time=" + (seconds / 60) + ":" + String.format("%02d", seconds % 60));
        if (!r.partition().isEmpty()) {
            lines.add("#SBATCH --partition=" + r.partition());
        }
        if (!r.account().isEmpty()) {
            lines.add("#SBATCH --account=" + r.account());
        }
        if (r.gpus() > 0) {
            lines.add("#SBATCH --gres=gpu:" + r.gpus());
        }
        r.environment().forEach((k, v) -> lines.add("export " + k + "=" + quote(v)));
        lines.add("export OMP_NUM_THREADS=" + r.cpus() + " SCOPEFLOW_CPUS=" + r.cpus());
        lines.add("exec bash -c " + quote(r.commandLine()));
        return String.join("\n", lines) + "\n";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public ExecutionStatus status(String externalId) {
        SlurmCli.Result r = cli.run(List.of("scontrol", "show", "job", "-o", externalId));
        if (!r.ok() || r.stdout().isBlank()) {
            if (r.stderr().contains("Invalid job id")) {
                return ExecutionStatus.lost("Slurm no longer knows job " + externalId
                        + " (finished longer than MinJobAge ago, or the controller lost its state)");
            }
            throw new ExecutorException(externalId, "scontrol show job failed (exit " + r.exitCode() + ")", r.stderr());
        }
        return toStatus(externalId, SlurmRecord.parse(r.stdout().lines().findFirst().orElse("")));
    }

    ExecutionStatus toStatus(String id, SlurmRecord job) {
        String state = job.get("JobState");
        String host = job.get("BatchHost").isEmpty() || job.get("BatchHost").equals("(null)") ? job.get("NodeList") : job.get("BatchHost");
        Instant start = time(job.get("StartTime"));
        Instant end = time(job.get("EndTime"));
        String[] exit = job.get("ExitCode").split(":");
        Integer exitCode = exit.length == 2 ? Integer.valueOf(exit[0]) : null;
        String reason = job.get("Reason").equals("None") ? "" : job.get("Reason");
        return switch (state) {
            case "PENDING", "CONFIGURING", "REQUEUED", "RESIZING", "SUSPENDED" ->
                    new ExecutionStatus(ExecutionStatus.Phase.PENDING, null, reason, "", null, null);
            case "RUNNING", "COMPLETING" -> new ExecutionStatus(ExecutionStatus.Phase.RUNNING, null, "", host, start, null);
            case "COMPLETED" -> new ExecutionStatus(ExecutionStatus.Phase.SUCCEEDED, exitCode, "", host, start, end);
            case "TIMEOUT" -> new ExecutionStatus(ExecutionStatus.Phase.TIMED_OUT, null,
                    "Slurm job " + id + " exceeded its time limit " + job.get("TimeLimit"), host, start, end);
            case "CANCELLED" -> new ExecutionStatus(ExecutionStatus.Phase.CANCELLED, null, cancelledByUs.contains(id)
                    ? "cancelled by Scopeflow" : "Slurm job " + id + " was cancelled outside Scopeflow (scancel by "
                    + "a user or administrator)", host, start, end);
            case "FAILED" -> new ExecutionStatus(ExecutionStatus.Phase.FAILED, exitCode,
                    "Slurm job " + id + " failed: exit code " + exitCode + (reason.isEmpty() ? "" : " (" + reason + ")"), host, start, end);
            default -> new ExecutionStatus(ExecutionStatus.Phase.FAILED, exitCode,
                    "Slurm job " + id + " ended " + state + (reason.isEmpty() ? "" : " (" + reason + ")"), host, start, end);
        };
    }

    private Instant time(String value) {
        if (value.isEmpty() || value.equals("Unknown") || value.equals("None")) {
            return null;
        }
        try {
            // scontrol prints the controller's local time without zone; this process shares the zone setting.
            return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public void cancel(String externalId) {
        cancelledByUs.add(externalId);
        SlurmCli.Result r = cli.run(List.of("scancel", externalId));
        if (!r.ok() && !r.stderr().contains("already completing or completed")) {
            throw new ExecutorException(externalId, "scancel failed (exit " + r.exitCode() + ")", r.stderr());
        }
    }

    @Override
    public boolean survivesRestart() {
        return true;
    }
}
