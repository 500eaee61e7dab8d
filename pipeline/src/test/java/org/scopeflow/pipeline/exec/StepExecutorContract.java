package org.scopeflow.pipeline.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link StepExecutor} must do; each implementation's test extends this. */
abstract class StepExecutorContract {
    @TempDir
    Path dir;
    StepExecutor executor;
    private int count;

    /** A fresh executor. */
    abstract StepExecutor create();

    /** The shortest time limit the executor enforces in a reasonable time. */
    abstract Duration shortTimeLimit();

    /** How long to wait at most for an attempt to end (a guard against hanging, not a measurement). */
    Duration patience() {
        return Duration.ofMinutes(3);
    }

    @BeforeEach
    void setUp() {
        executor = create();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    ExecutionRequest request(String command, int cpus, Duration limit) throws Exception {
        Path work = Files.createDirectories(dir.resolve("job" + (++count)));
        return new ExecutionRequest("sf-test-" + count, command, work, cpus, 100, 0, limit, "", "", Map.of("GREETING", "hi there"));
    }

    ExecutionStatus awaitEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + patience().toNanos();
        while (System.nanoTime() < deadline) {
            ExecutionStatus s = executor.status(id);
            if (s.phase().isTerminal()) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("attempt " + id + " did not end within " + patience() + "; last " + executor.status(id));
    }

    @Test
    void successfulCommandReportsExitZeroAndWritesBothLogs() throws Exception {
        ExecutionRequest r = request("echo \"$GREETING\" > greeting.txt; echo out-line; echo err-line >&2", 1, Duration.ofMinutes(5));
        ExecutionStatus s = awaitEnd(executor.submit(r));
        assertThat(s.phase()).isEqualTo(ExecutionStatus.Phase.SUCCEEDED);
        assertThat(s.exitCode()).isZero();
        assertThat(s.host()).isNotBlank();
        assertThat(Files.readString(r.workDir().resolve("greeting.txt"))).isEqualTo("hi there\n");
        assertThat(Tails.of(r.stdoutFile(), 1000)).contains("out-line");
        assertThat(Tails.of(r.stderrFile(), 1000)).contains("err-line");
    }

    /**
     * An attempt with MPI ranks: {@code mpirun} starts that many processes within what the executor gave the
     * attempt (on Slurm, the tasks of its allocation). OpenMPI refuses to start as root unless told to; these
     * tests run as root on the CI machine.
     */
    @Test
    void mpiRanksAreStartedByMpirunWithinTheAttempt() throws Exception {
        ExecutionRequest base = request("mpirun -n 2 bash -c 'echo \"rank $OMPI_COMM_WORLD_RANK of $OMPI_COMM_WORLD_SIZE\" "
                + "> rank-$OMPI_COMM_WORLD_RANK.txt'", 1, Duration.ofMinutes(5));
        ExecutionRequest r = new ExecutionRequest(base.name(), base.commandLine(), base.workDir(), 1, 200, 0, base.timeLimit(),
                "", "", Map.of("OMPI_ALLOW_RUN_AS_ROOT", "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1"), 2);
        ExecutionStatus s = awaitEnd(executor.submit(r));
        assertThat(s.phase()).as(Tails.of(r.stderrFile(), 2000)).isEqualTo(ExecutionStatus.Phase.SUCCEEDED);
        assertThat(Files.readString(r.workDir().resolve("rank-0.txt"))).isEqualTo("rank 0 of 2\n");
        assertThat(Files.readString(r.workDir().resolve("rank-1.txt"))).isEqualTo("rank 1 of 2\n");
    }

    @Test
    void nonZeroExitIsAFailureWithTheExitCode() throws Exception {
        ExecutionRequest r = request("echo 'cannot open input' >&2; exit 3", 1, Duration.ofMinutes(5));
        ExecutionStatus s = awaitEnd(executor.submit(r));
        assertThat(s.phase()).isEqualTo(ExecutionStatus.Phase.FAILED);
        assertThat(s.exitCode()).isEqualTo(3);
        assertThat(Tails.of(r.stderrFile(), 1000)).contains("cannot open input");
    }

    @Test
    void timeLimitExceededIsReportedAsTimedOut() throws Exception {
        ExecutionRequest r = request("echo started; sleep 600", 1, shortTimeLimit());
        ExecutionStatus s = awaitEnd(executor.submit(r));
        assertThat(s.phase()).isEqualTo(ExecutionStatus.Phase.TIMED_OUT);
        assertThat(s.reason()).contains("time limit");
    }

    @Test
    void cancelledAttemptReportsCancelled() throws Exception {
        ExecutionRequest r = request("sleep 600", 1, Duration.ofMinutes(10));
        String id = executor.submit(r);
        long deadline = System.nanoTime() + patience().toNanos();
        while (executor.status(id).phase() == ExecutionStatus.Phase.PENDING && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        executor.cancel(id);
        ExecutionStatus s = awaitEnd(id);
        assertThat(s.phase()).isEqualTo(ExecutionStatus.Phase.CANCELLED);
        assertThat(s.reason()).isEqualTo("cancelled by Scopeflow");
    }

    @Test
    void requestLargerThanTheMachineIsRejectedBeforeSubmission() throws Exception {
        ExecutionRequest r = request("true", 4096, Duration.ofMinutes(1));
        assertThatThrownBy(() -> executor.submit(r)).isInstanceOf(ExecutorException.class)
                .hasMessageContaining("resources.cpus 4096 exceeds").hasMessageContaining("lower resources.cpus");
    }

    @Test
    void aSubmittedAttemptIsFoundByNameAndDirectoryOnlyWhereAttemptsOutliveTheirEngine() throws Exception {
        ExecutionRequest r = request("sleep 2", 1, Duration.ofMinutes(5));
        Path elsewhere = Files.createDirectories(dir.resolve("other-catalog"));
        ExecutionRequest sameNameElsewhere = new ExecutionRequest(r.name(), r.commandLine(), elsewhere, 1, 100, 0,
                Duration.ofMinutes(5), "", "", Map.of());
        String id = executor.submit(r);
        if (executor.survivesRestart()) {
            assertThat(executor.findSubmitted(r)).contains(id);
            assertThat(executor.findSubmitted(sameNameElsewhere)).as("a job of the same name in another directory is not ours").isEmpty();
        } else {
            assertThat(executor.findSubmitted(r)).as("its attempts die with the engine: nothing to find").isEmpty();
        }
        assertThat(awaitEnd(id).phase()).isEqualTo(ExecutionStatus.Phase.SUCCEEDED);
    }

    @Test
    void unknownIdIsLost() {
        assertThat(executor.status(unknownId()).phase()).isEqualTo(ExecutionStatus.Phase.LOST);
    }

    abstract String unknownId();
}
