package org.scopeflow.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The executor contract against a real Slurm (start one with {@code scripts/slurm.sh start}). */
class SlurmExecutorIT extends StepExecutorContract {
    @BeforeAll
    static void requireSlurm() {
        SlurmAvailability.require();
    }

    @Override
    StepExecutor create() {
        return new SlurmExecutor(new SlurmCli(30));
    }

    @Override
    Duration shortTimeLimit() {
        return Duration.ofSeconds(5);
    }

    @Override
    String unknownId() {
        return "987654321";
    }

    @Test
    void jobCancelledOutsideScopeflowIsReportedAsSuch() throws Exception {
        String id = executor.submit(request("sleep 600", 1, Duration.ofMinutes(10)));
        new SlurmCli(30).run(List.of("scancel", id));
        ExecutionStatus s = awaitEnd(id);
        assertThat(s.phase()).isEqualTo(ExecutionStatus.Phase.CANCELLED);
        assertThat(s.reason()).contains("cancelled outside Scopeflow");
    }

    @Test
    void anotherExecutorInstanceFollowsAJobByItsSlurmId() throws Exception {
        String id = executor.submit(request("sleep 1; exit 4", 1, Duration.ofMinutes(5)));
        StepExecutor afterRestart = new SlurmExecutor(new SlurmCli(30));
        executor = afterRestart;
        ExecutionStatus s = awaitEnd(id);
        assertThat(s.phase()).isEqualTo(ExecutionStatus.Phase.FAILED);
        assertThat(s.exitCode()).isEqualTo(4);
    }
}
