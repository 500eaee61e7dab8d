package org.scopeflow.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlurmPartitionCheckTest {
    static final String PARTITIONS = """
            PartitionName=debug AllowGroups=ALL Default=YES MaxTime=01:00:00 MaxCPUsPerNode=UNLIMITED Nodes=vm State=UP TotalCPUs=2 MaxMemPerNode=UNLIMITED
            PartitionName=gpu AllowGroups=ALL Default=NO MaxTime=2-00:00:00 MaxCPUsPerNode=16 Nodes=g1 State=DOWN MaxMemPerNode=64000
            """;
    static final String NODES = """
            NodeName=vm Arch=x86_64 CPUTot=2 Gres=(null) NodeAddr=127.0.0.1 OS=Linux 6.18.44 #1 SMP PREEMPT_DYNAMIC @0  RealMemory=24105 Partitions=debug
            NodeName=g1 Arch=x86_64 CPUTot=32 Gres=gpu:a100:4(S:0-1) RealMemory=256000 Partitions=gpu
            """;
    final SlurmPartitionCheck check = new SlurmPartitionCheck(SlurmRecord.parseLines(PARTITIONS), SlurmRecord.parseLines(NODES));

    static ExecutionRequest request(String partition, int cpus, long memoryMb, int gpus, Duration limit) {
        return new ExecutionRequest("sf-1-1", "true", Path.of("/tmp"), cpus, memoryMb, gpus, limit, partition, "", Map.of());
    }

    @Test
    void recordKeepsValuesWithSpaces() {
        SlurmRecord node = SlurmRecord.parseLines(NODES).get(0);
        assertThat(node.get("OS")).isEqualTo("Linux 6.18.44 #1 SMP PREEMPT_DYNAMIC @0");
        assertThat(node.number("RealMemory", 0)).isEqualTo(24105);
        assertThat(SlurmRecord.parseLines(NODES).get(1).gpus()).isEqualTo(4);
        assertThat(SlurmRecord.parseLines(PARTITIONS).get(1).minutes("MaxTime")).isEqualTo(2 * 24 * 60);
    }

    @Test
    void fittingRequestInTheDefaultPartitionHasNoProblem() {
        assertThat(check.partitionFor(request("", 2, 1000, 0, Duration.ofMinutes(30)))).isEqualTo("debug");
        assertThat(check.problems(request("", 2, 1000, 0, Duration.ofMinutes(30)))).isEmpty();
    }

    @Test
    void everyExceededLimitIsNamedWithItsValue() {
        assertThat(check.problems(request("debug", 4, 30000, 1, Duration.ofMinutes(90)))).containsExactly(
                "resources.cpus 4 exceeds partition 'debug' (largest node: 2 CPUs); lower resources.cpus to 2 or choose another partition",
                "resources.memory_mb 30000 exceeds partition 'debug' (largest node: 24105 MiB); lower resources.memory_mb or choose another partition",
                "resources.gpus 1 exceeds partition 'debug' (largest node: 0 GPUs); lower resources.gpus or choose a GPU partition",
                "resources.time_limit_minutes 90 exceeds partition 'debug' MaxTime 01:00:00 (60 min); lower it or choose another partition");
    }

    @Test
    void partitionLimitsBelowNodeSizeAndDownStateCount() {
        assertThat(check.problems(request("gpu", 20, 1000, 2, Duration.ofMinutes(1)))).containsExactly(
                "partition 'gpu' is DOWN, not UP",
                "resources.cpus 20 exceeds partition 'gpu' (largest node: 16 CPUs); lower resources.cpus to 16 or choose another partition");
    }

    @Test
    void mpiRanksMustFitTheNodesOfThePartitionAtTheirCpusEach() {
        ExecutionRequest one = request("debug", 1, 1000, 0, Duration.ofMinutes(5));
        assertThat(check.problems(ranks(one, 2))).isEmpty();
        assertThat(check.problems(ranks(one, 3))).containsExactly("resources.mpi_ranks 3 × resources.cpus 1 do not fit partition "
                + "'debug' (1 node(s) hold 2 ranks of 1 CPUs); lower resources.mpi_ranks to 2 or choose another partition");
        // gpu: one 32-CPU node capped at 16 CPUs per node by the partition: four ranks of 4 CPUs
        ExecutionRequest four = request("gpu", 4, 1000, 0, Duration.ofMinutes(5));
        assertThat(check.problems(ranks(four, 4))).containsExactly("partition 'gpu' is DOWN, not UP");
        assertThat(check.problems(ranks(four, 5))).contains("resources.mpi_ranks 5 × resources.cpus 4 do not fit partition "
                + "'gpu' (1 node(s) hold 4 ranks of 4 CPUs); lower resources.mpi_ranks to 4 or choose another partition");
    }

    private static ExecutionRequest ranks(ExecutionRequest r, int mpiRanks) {
        return new ExecutionRequest(r.name(), r.commandLine(), r.workDir(), r.cpus(), r.memoryMb(), r.gpus(), r.timeLimit(),
                r.partition(), r.account(), r.environment(), mpiRanks);
    }

    @Test
    void unknownPartitionListsTheKnownOnes() {
        assertThat(check.problems(request("bigmem", 1, 1, 0, Duration.ofMinutes(1))))
                .containsExactly("partition 'bigmem' does not exist; known: debug, gpu");
    }
}
