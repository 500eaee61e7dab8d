package org.scopeflow.pipeline.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One attempt to run.
 *
 * @param name        a name for the attempt shown by the executor, e.g. {@code sf-42-1}
 * @param commandLine run by {@code bash -c} in {@code workDir}
 * @param workDir     the job's output directory; exists before submission
 * @param cpus        CPU cores
 * @param memoryMb    memory in MiB
 * @param gpus        GPUs
 * @param timeLimit   wall-clock limit; exceeding it ends the attempt as {@link ExecutionStatus.Phase#TIMED_OUT}
 * @param partition   Slurm partition, empty for the default (ignored by the local executor)
 * @param account     Slurm account, empty for the default (ignored by the local executor)
 * @param environment extra environment variables
 * @param mpiRanks    MPI processes the command starts (with {@code mpirun}), each using {@code cpus} cores:
 *                    the attempt holds mpiRanks × cpus cores (Slurm: {@code --ntasks}); 1 for one process
 */
public record ExecutionRequest(String name, String commandLine, Path workDir, int cpus, long memoryMb, int gpus,
        Duration timeLimit, String partition, String account, Map<String, String> environment, int mpiRanks) {
    /** An attempt that runs as one process. */
    public ExecutionRequest(String name, String commandLine, Path workDir, int cpus, long memoryMb, int gpus,
            Duration timeLimit, String partition, String account, Map<String, String> environment) {
        this(name, commandLine, workDir, cpus, memoryMb, gpus, timeLimit, partition, account, environment, 1);
    }

    public ExecutionRequest {
        if (mpiRanks < 1) {
            throw new IllegalArgumentException(name + ": mpiRanks " + mpiRanks + " must be at least 1");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(timeLimit, "timeLimit");
        partition = partition == null ? "" : partition;
        account = account == null ? "" : account;
        environment = Map.copyOf(environment);
    }

    /** All the cores the attempt holds: {@code cpus} per MPI rank. */
    public int totalCpus() {
        return cpus * mpiRanks;
    }

    /** Directory of the attempt's own files (logs, batch script), hidden inside the output directory. */
    public Path logDir() {
        return workDir.resolve(".scopeflow");
    }

    public Path stdoutFile() {
        return logDir().resolve("stdout.log");
    }

    public Path stderrFile() {
        return logDir().resolve("stderr.log");
    }
}
