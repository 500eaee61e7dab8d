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
}
