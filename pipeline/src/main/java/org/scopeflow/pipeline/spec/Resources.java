package org.scopeflow.pipeline.spec;

/**
 * What one job may use. Ranges are checked by {@link PipelineParser}; executors check them again
 * against what they actually have (local slots, Slurm partition limits).
 *
 * @param cpus             CPU cores, 1–{@value #MAX_CPUS}
 * @param memoryMb         memory in MiB, 1–{@value #MAX_MEMORY_MB}
 * @param gpus             GPUs, 0–{@value #MAX_GPUS}
 * @param timeLimitMinutes wall-clock limit in minutes, 1–{@value #MAX_TIME_LIMIT_MINUTES}
 */
public record Resources(int cpus, long memoryMb, int gpus, int timeLimitMinutes) {
    public static final int MAX_CPUS = 1024;
    public static final long MAX_MEMORY_MB = 16L * 1024 * 1024;
    public static final int MAX_GPUS = 64;
    public static final int MAX_TIME_LIMIT_MINUTES = 30 * 24 * 60;
    /** Used for every key a step leaves out. */
    public static final Resources DEFAULT = new Resources(1, 1024, 0, 60);
}
