package org.scopeflow.pipeline.exec;

/**
 * What the local executor may hand out at once.
 *
 * @param cpus     CPU slots, at least 1
 * @param memoryMb memory in MiB, at least 1
 * @param gpus     GPU slots (devices 0…gpus−1, passed as CUDA_VISIBLE_DEVICES), at least 0
 */
public record LocalCapacity(int cpus, long memoryMb, int gpus) {
    public LocalCapacity {
        if (cpus < 1 || memoryMb < 1 || gpus < 0) {
            throw new IllegalArgumentException("local capacity needs cpus >= 1, memory_mb >= 1, gpus >= 0; got cpus "
                    + cpus + ", memory_mb " + memoryMb + ", gpus " + gpus);
        }
    }

    /** This machine: all processors, the JVM's view of physical memory, no GPUs (declare them explicitly). */
    public static LocalCapacity ofThisMachine() {
        long memoryMb = 4096;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            memoryMb = Math.max(1, os.getTotalMemorySize() / (1024 * 1024));
        }
        return new LocalCapacity(Runtime.getRuntime().availableProcessors(), memoryMb, 0);
    }
}
