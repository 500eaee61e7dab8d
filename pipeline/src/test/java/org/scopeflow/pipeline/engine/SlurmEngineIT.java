package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.exec.SlurmAvailability;
import org.scopeflow.pipeline.exec.SlurmCli;
import org.scopeflow.pipeline.exec.SlurmExecutor;
import org.scopeflow.pipeline.job.PipelineRun;

/** The engine on a real Slurm (scripts/slurm.sh start): restart re-adopts, limits are checked, outside cancels seen. */
class SlurmEngineIT {
    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeAll
    static void requireSlurm() {
        SlurmAvailability.require();
    }

    @BeforeEach
    void setUp() throws Exception {
        fx = EngineFixture.h2(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    PipelineEngine engine(String id) {
        return fx.engine(id, Map.of("slurm", new SlurmExecutor(new SlurmCli(30))));
    }

    @Test
    void restartedEngineReadoptsRunningSlurmJobsInsteadOfResubmitting() throws Exception {
        for (int i = 1; i <= 3; i++) {
            fx.addFile("m" + i + ".dat", "x");
        }
        Path log = dir.resolve("runs.log");
        String yaml = """
                name: slurm-restart
                steps:
                  - id: work
                    command: "sleep 4; echo ok > {output_dir}/ok.txt; echo done-{item} >> %s"
                    inputs: "*.dat"
                    outputs: [ok.txt]
                    executor: slurm
                    resources: {cpus: 1, memory_mb: 100, time_limit_minutes: 5}
                """.formatted(log);
        PipelineEngine a = engine("engine-a");
        PipelineRun run = a.attach(fx.sessionId, yaml, fx.input, fx.work);
        while (slurmIds(run).size() < 3) {
            a.pass();
        }
        List<String> submittedByA = slurmIds(run);
        // engine A is killed here: it never polls again

        fx.clock.advance(Duration.ofMinutes(2));
        PipelineEngine b = engine("engine-b");
        assertThat(b.runUntilIdle(Duration.ofMinutes(3))).isTrue();

        assertThat(slurmIds(run)).isEqualTo(submittedByA);
        assertThat(fx.rows("SELECT state, attempt FROM pipeline_jobs WHERE run_id = ?", run.id()))
                .allSatisfy(r -> assertThat(r).containsEntry("state", "succeeded").containsEntry("attempt", 1));
        assertThat(Files.readAllLines(log)).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void requestLargerThanThePartitionFailsBeforeSubmissionWithTheLimit() throws Exception {
        fx.addFile("m1.dat", "x");
        String yaml = """
                name: too-big
                steps:
                  - id: huge
                    command: "true"
                    inputs: "*.dat"
                    executor: slurm
                    resources: {cpus: 1024}
                """;
        PipelineEngine e = engine("e");
        e.attach(fx.sessionId, yaml, fx.input, fx.work);
        assertThat(e.runUntilIdle(Duration.ofMinutes(1))).isTrue();
        var job = fx.rows("SELECT state, external_id, failure_reason FROM pipeline_jobs").get(0);
        assertThat(job.get("state")).isEqualTo("failed");
        assertThat(job.get("external_id")).isNull();
        assertThat((String) job.get("failure_reason")).contains("resources.cpus 1024 exceeds partition")
                .contains("lower resources.cpus to");
    }

    @Test
    void jobCancelledOutsideScopeflowIsRecordedAsCancelled() throws Exception {
        fx.addFile("m1.dat", "x");
        String yaml = """
                name: cancelled
                steps:
                  - id: long
                    command: "sleep 600"
                    inputs: "*.dat"
                    executor: slurm
                    resources: {memory_mb: 100}
                """;
        PipelineEngine e = engine("e");
        PipelineRun run = e.attach(fx.sessionId, yaml, fx.input, fx.work);
        while (slurmIds(run).isEmpty()) {
            e.pass();
        }
        new SlurmCli(30).run(List.of("scancel", slurmIds(run).get(0)));
        assertThat(e.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        var job = fx.rows("SELECT state, failure_reason FROM pipeline_jobs").get(0);
        assertThat(job.get("state")).isEqualTo("cancelled");
        assertThat((String) job.get("failure_reason")).contains("was cancelled outside Scopeflow");
    }

    List<String> slurmIds(PipelineRun run) {
        return fx.rows("SELECT external_id FROM pipeline_jobs WHERE run_id = ? AND external_id IS NOT NULL ORDER BY id", run.id())
                .stream().map(r -> (String) r.get("external_id")).toList();
    }
}
