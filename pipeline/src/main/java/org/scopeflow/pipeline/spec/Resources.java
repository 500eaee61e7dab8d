package org.scopeflow.pipeline.spec;

/**
 * What one job may use. Ranges are checked by {@link PipelineParser}; executors check them again
 * against what they actually have (local slots, Slurm partition limits).
 *
 * @param cpus             CPU cores, 1–{@value #MAX_CPUS}
 * @param memoryMb         memory in MiB, 1–{@value #MAX_MEMORY_MB}
 * @param gpus             GPUs, 0–{@value #MAX_GPUS}
 * @param timeLimitMinutes wall-clock limit in minutes, 1–{@value #MAX_TIME_LIMIT_MINUTES}
 * @param mpiRanks         MPI processes, 1–{@value #MAX_MPI_RANKS}, each with {@code cpus} cores; above 1
 *                         RELION steps run their {@code _mpi} programs under {@code mpirun} and command steps
 *                         get {@code {mpi_ranks}}; the job is given ranks × cpus cores ({@code --ntasks} on Slurm)
 */
public record Resources(int cpus, long memoryMb, int gpus, int timeLimitMinutes, int mpiRanks) {
    public static final int MAX_CPUS = 1024;
    public static final long MAX_MEMORY_MB = 16L * 1024 * 1024;
    public static final int MAX_GPUS = 64;
    public static final int MAX_TIME_LIMIT_MINUTES = 30 * 24 * 60;
    public static final int MAX_MPI_RANKS = 4096;
    /** Used for every key a step leaves out. */
    public static final Resources DEFAULT = new Resources(1, 1024, 0, 60, 1);

    /** Resources of a job that runs as one process. */
    public Resources(int cpus, long memoryMb, int gpus, int timeLimitMinutes) {
        this(cpus, memoryMb, gpus, timeLimitMinutes, 1);
    }
}
