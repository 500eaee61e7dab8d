package org.scopeflow.pipeline.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a request against a partition before submitting, because Slurm accepts a job that no node
 * of the partition can ever run and leaves it pending forever (reason PartitionConfig). Pure: works
 * on the output of {@code scontrol show partition -o} and {@code scontrol show node -o}.
 */
public final class SlurmPartitionCheck {
    private final List<SlurmRecord> partitions;
    private final List<SlurmRecord> nodes;

    public SlurmPartitionCheck(List<SlurmRecord> partitions, List<SlurmRecord> nodes) {
        this.partitions = List.copyOf(partitions);
        this.nodes = List.copyOf(nodes);
    }

    /** The partition a request goes to: the named one, or the cluster's default. */
    public String partitionFor(ExecutionRequest r) {
        if (!r.partition().isEmpty()) {
            return r.partition();
        }
        return partitions.stream().filter(p -> p.get("Default").equals("YES")).map(p -> p.get("PartitionName"))
                .findFirst().orElse("");
    }

    /** Every reason the request cannot run in its partition; empty when it can. */
    public List<String> problems(ExecutionRequest r) {
        String name = partitionFor(r);
        List<String> known = partitions.stream().map(p -> p.get("PartitionName")).toList();
        SlurmRecord partition = partitions.stream().filter(p -> p.get("PartitionName").equals(name)).findFirst().orElse(null);
        if (partition == null) {
            return List.of(name.isEmpty() ? "the cluster has no default partition; set executor.partition (known: "
                    + String.join(", ", known) + ")" : "partition '" + name + "' does not exist; known: " + String.join(", ", known));
        }
        List<String> problems = new ArrayList<>();
        if (!partition.get("State").equals("UP")) {
            problems.add("partition '" + name + "' is " + partition.get("State") + ", not UP");
        }
        List<SlurmRecord> members = members(name);
        long maxCpus = Math.min(members.stream().mapToLong(n -> n.number("CPUTot", 0)).max().orElse(0),
                partition.number("MaxCPUsPerNode", Long.MAX_VALUE));
        long maxMemoryMb = Math.min(members.stream().mapToLong(n -> n.number("RealMemory", 0)).max().orElse(0),
                partition.number("MaxMemPerNode", Long.MAX_VALUE));
        int maxGpus = members.stream().mapToInt(SlurmRecord::gpus).max().orElse(0);
        long maxMinutes = partition.minutes("MaxTime");
        if (r.cpus() > maxCpus) {
            problems.add("resources.cpus " + r.cpus() + " exceeds partition '" + name + "' (largest node: " + maxCpus
                    + " CPUs); lower resources.cpus to " + maxCpus + " or choose another partition");
        }
        long perNodeLimit = partition.number("MaxCPUsPerNode", Long.MAX_VALUE);
        long rankSlots = members.stream().mapToLong(n -> Math.min(n.number("CPUTot", 0), perNodeLimit) / Math.max(1, r.cpus()))
                .sum();
        if (r.mpiRanks() > 1 && r.cpus() <= maxCpus && r.mpiRanks() > rankSlots) {
            problems.add("resources.mpi_ranks " + r.mpiRanks() + " × resources.cpus " + r.cpus() + " do not fit partition '"
                    + name + "' (" + members.size() + " node(s) hold " + rankSlots + " ranks of " + r.cpus()
                    + " CPUs); lower resources.mpi_ranks to " + rankSlots + " or choose another partition");
        }
        if (r.memoryMb() > maxMemoryMb) {
            problems.add("resources.memory_mb " + r.memoryMb() + " exceeds partition '" + name + "' (largest node: "
                    + maxMemoryMb + " MiB); lower resources.memory_mb or choose another partition");
        }
        if (r.gpus() > maxGpus) {
            problems.add("resources.gpus " + r.gpus() + " exceeds partition '" + name + "' (largest node: " + maxGpus
                    + " GPUs); lower resources.gpus or choose a GPU partition");
        }
        long askedMinutes = (r.timeLimit().toSeconds() + 59) / 60;
        if (askedMinutes > maxMinutes) {
            problems.add("resources.time_limit_minutes " + askedMinutes + " exceeds partition '" + name + "' MaxTime "
                    + partition.get("MaxTime") + " (" + maxMinutes + " min); lower it or choose another partition");
        }
        return problems;
    }

    private List<SlurmRecord> members(String partition) {
        return nodes.stream().filter(n -> Set.of(n.get("Partitions").split(",")).contains(partition))
                .collect(Collectors.toList());
    }
}
