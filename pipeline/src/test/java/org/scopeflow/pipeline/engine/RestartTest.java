package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.job.PipelineRun;

/** An engine killed mid-run and a new one on the same catalog: no job lost, no result computed twice. */
class RestartTest {
    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = EngineFixture.h2(dir);
        for (int i = 1; i <= 6; i++) {
            fx.addFile("m" + i + ".dat", Integer.toString(i));
        }
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    static String pipeline(Path log) {
        return """
                name: restart
                steps:
                  - id: work
                    command: "echo start-{item} >> {param.log}; sleep 1; echo ok > {output_dir}/ok.txt; echo done-{item} >> {param.log}"
                    inputs: "*.dat"
                    parameters: {log: "%s"}
                    outputs: [ok.txt]
                """.formatted(log);
    }

    @Test
    void queuedAndInterruptedLocalJobsRunAfterRestartAndFinishedOnesAreNotRecomputed() throws Exception {
        Path log = dir.resolve("runs.log");
        LocalExecutor localA = fx.local(2);
        PipelineEngine a = fx.engine("engine-a", Map.of("local", localA));
        PipelineRun run = a.attach(fx.sessionId, pipeline(log), fx.input, fx.work);
        while (succeeded(run).size() < 2) {
            a.pass();
            Thread.sleep(50);
        }
        List<String> finishedByA = succeeded(run);
        localA.close(); // kill -9 of the server: its processes die with it, nothing is cleaned up in the catalog
        assertThat(fx.rows("SELECT COUNT(*) AS n FROM pipeline_jobs WHERE state IN ('submitted', 'running')").get(0).get("n"))
                .as("jobs held by the dead engine").isNotEqualTo(0L);

        fx.clock.advance(Duration.ofMinutes(2)); // engine A's leases expire
        LocalExecutor localB = fx.local(2);
        PipelineEngine b = fx.engine("engine-b", Map.of("local", localB));
        assertThat(b.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        localB.close();

        assertThat(succeeded(run)).hasSize(6);
        List<String> lines = Files.readAllLines(log);
        for (String item : finishedByA) {
            assertThat(lines).as("result of %s computed once", item).containsOnlyOnce("done-" + item);
        }
        for (int i = 1; i <= 6; i++) {
            assertThat(lines).contains("done-f" + i + "-m" + i);
        }
        assertThat(fx.rows("SELECT COUNT(*) AS n FROM pipeline_job_attempts WHERE outcome = 'lost'").get(0).get("n"))
                .as("interrupted attempts are kept").isNotEqualTo(0L);
    }

    List<String> succeeded(PipelineRun run) {
        return fx.rows("SELECT item_file_id FROM pipeline_jobs WHERE run_id = ? AND state = 'succeeded' ORDER BY id", run.id())
                .stream().map(r -> "f" + r.get("item_file_id") + "-m" + r.get("item_file_id")).toList();
    }

    /**
     * The engine that takes over a job submitted without its id recorded asks the executor first; while it
     * cannot be asked, the job waits (never submitted a second time), and once it answers the attempt is
     * followed. (A scripted executor beside {@code SlurmEngineIT}, which runs the found case on real Slurm.)
     */
    @Test
    void aJobSubmittedWithoutItsIdRecordedWaitsWhileTheExecutorCannotBeAskedAndIsNeverSubmittedAgain() throws Exception {
        String yaml = """
                name: unrecorded
                steps:
                  - id: work
                    command: "true"
                    inputs: "m1.dat"
                    executor: slurm
                """;
        PipelineEngine a = fx.engine("engine-a", Map.of());
        PipelineRun run = a.attach(fx.sessionId, yaml, fx.input, fx.work);
        a.pass();
        var jobs = new org.scopeflow.pipeline.job.JobRepository(fx.jdbi(), fx.clock);
        // engine A claimed the job and ran sbatch, then stopped before recording the id
        assertThat(jobs.claim("engine-a", java.util.Set.of("slurm"), 10, Duration.ofSeconds(30))).hasSize(1);

        java.util.concurrent.atomic.AtomicBoolean reachable = new java.util.concurrent.atomic.AtomicBoolean(false);
        java.util.concurrent.atomic.AtomicInteger submissions = new java.util.concurrent.atomic.AtomicInteger();
        org.scopeflow.pipeline.exec.StepExecutor slurm = new org.scopeflow.pipeline.exec.StepExecutor() {
            @Override
            public String name() {
                return "slurm";
            }

            @Override
            public void validate(org.scopeflow.pipeline.exec.ExecutionRequest r) {
            }

            @Override
            public String submit(org.scopeflow.pipeline.exec.ExecutionRequest r) {
                submissions.incrementAndGet();
                return "second";
            }

            @Override
            public java.util.Optional<String> findSubmitted(org.scopeflow.pipeline.exec.ExecutionRequest r) {
                if (!reachable.get()) {
                    throw new org.scopeflow.pipeline.exec.ExecutorException(r.name(), "squeue failed (exit 1); is slurmctld running?");
                }
                return r.name().equals("sf-1-1") ? java.util.Optional.of("first") : java.util.Optional.empty();
            }

            @Override
            public org.scopeflow.pipeline.exec.ExecutionStatus status(String id) {
                java.time.Instant t = fx.clock.instant();
                return new org.scopeflow.pipeline.exec.ExecutionStatus(org.scopeflow.pipeline.exec.ExecutionStatus.Phase.SUCCEEDED,
                        0, "", "node1", t, t);
            }

            @Override
            public void cancel(String id) {
            }

            @Override
            public boolean survivesRestart() {
                return true;
            }
        };
        fx.clock.advance(Duration.ofMinutes(2));
        PipelineEngine b = fx.engine("engine-b", Map.of("slurm", slurm));
        b.pass();
        assertThat(fx.rows("SELECT state, claimed_by, external_id FROM pipeline_jobs WHERE run_id = ?", run.id()))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("state")).as("not requeued").isEqualTo("submitted");
                    assertThat(r.get("claimed_by")).isEqualTo("engine-b (waiting)");
                    assertThat(r.get("external_id")).isNull();
                });
        b.pass();
        assertThat(fx.rows("SELECT lease_until FROM pipeline_jobs WHERE run_id = ?", run.id()).get(0).get("lease_until"))
                .as("its lease is not renewed while it waits").isNotNull();

        reachable.set(true);
        fx.clock.advance(Duration.ofMinutes(2));
        assertThat(b.runUntilIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(fx.rows("SELECT state, external_id, attempt FROM pipeline_jobs WHERE run_id = ?", run.id()))
                .singleElement().satisfies(r -> assertThat(r).containsEntry("state", "succeeded").containsEntry("external_id", "first")
                        .containsEntry("attempt", 1));
        assertThat(submissions.get()).as("never submitted a second time").isZero();
    }
}
