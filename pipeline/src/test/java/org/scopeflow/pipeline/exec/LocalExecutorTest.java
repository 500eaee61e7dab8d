package org.scopeflow.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalExecutorTest extends StepExecutorContract {
    @Override
    StepExecutor create() {
        return new LocalExecutor(new LocalCapacity(2, 1000, 1), Clock.systemUTC());
    }

    @Override
    Duration shortTimeLimit() {
        return Duration.ofMillis(500);
    }

    @Override
    String unknownId() {
        return "local-1-999";
    }

    @Test
    void attemptsWaitForFreeSlotsAndGetTheirOwnGpu() throws Exception {
        var first = request("echo $CUDA_VISIBLE_DEVICES > gpu.txt; sleep 1", 2, Duration.ofMinutes(1));
        var firstWithGpu = new ExecutionRequest(first.name(), first.commandLine(), first.workDir(), 2, 100, 1,
                first.timeLimit(), "", "", java.util.Map.of());
        var second = request("echo $OMP_NUM_THREADS > cpus.txt", 1, Duration.ofMinutes(1));
        String a = executor.submit(firstWithGpu);
        String b = executor.submit(second);
        assertThat(executor.status(b).phase()).as("second waits: the first holds both CPUs")
                .isEqualTo(ExecutionStatus.Phase.PENDING);
        assertThat(awaitEnd(a).phase()).isEqualTo(ExecutionStatus.Phase.SUCCEEDED);
        assertThat(awaitEnd(b).phase()).isEqualTo(ExecutionStatus.Phase.SUCCEEDED);
        assertThat(Files.readString(firstWithGpu.workDir().resolve("gpu.txt")).strip()).isEqualTo("0");
        assertThat(Files.readString(second.workDir().resolve("cpus.txt")).strip()).isEqualTo("1");
    }

    @Test
    void mpiRanksHoldCpusPerRankAndMoreThanTheMachineHasAreRefused() throws Exception {
        var base = request("sleep 1", 1, Duration.ofMinutes(1));
        var twoRanks = new ExecutionRequest(base.name(), base.commandLine(), base.workDir(), 1, 100, 0, base.timeLimit(),
                "", "", java.util.Map.of(), 2);
        var single = request("true", 1, Duration.ofMinutes(1));
        String a = executor.submit(twoRanks);
        String b = executor.submit(single);
        assertThat(executor.status(b).phase()).as("the two ranks hold both CPUs").isEqualTo(ExecutionStatus.Phase.PENDING);
        assertThat(awaitEnd(a).phase()).isEqualTo(ExecutionStatus.Phase.SUCCEEDED);
        assertThat(awaitEnd(b).phase()).isEqualTo(ExecutionStatus.Phase.SUCCEEDED);

        var tooMany = new ExecutionRequest("sf-9-1", "true", base.workDir(), 2, 100, 0, base.timeLimit(), "", "",
                java.util.Map.of(), 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor.submit(tooMany))
                .isInstanceOf(ExecutorException.class)
                .hasMessageContaining("resources.mpi_ranks 2 × resources.cpus 2 = 4 CPUs exceeds the local executor's 2 CPUs; "
                        + "lower resources.mpi_ranks or resources.cpus, or run the step on slurm");
    }
}
