package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.job.JobRepository;
import org.scopeflow.pipeline.job.PipelineRun;

class CancelRetryTest {
    @Test
    void runningJobIsCancelledOnRequestAndRunsAgainWhenRetried(@TempDir Path dir) throws Exception {
        try (EngineFixture fx = EngineFixture.h2(dir)) {
            fx.addFile("m1.dat", "x");
            Path marker = dir.resolve("go");
            String yaml = """
                    name: cancel
                    steps:
                      - id: wait
                        command: "while [ ! -f %s ]; do sleep 0.2; done; echo ok > {output_dir}/ok.txt"
                        inputs: "*.dat"
                        outputs: [ok.txt]
                    """.formatted(marker);
            LocalExecutor local = fx.local(1);
            PipelineEngine engine = fx.engine("e", Map.of("local", local));
            PipelineRun run = engine.attach(fx.sessionId, yaml, fx.input, fx.work);
            JobRepository jobs = new JobRepository(fx.jdbi(), fx.clock);
            while (!"running".equals(state(fx))) {
                engine.pass();
                Thread.sleep(50);
            }
            assertThat(jobs.requestCancel(fx.sessionId, null, "cancelled by request")).isEqualTo(1);
            assertThat(engine.runUntilIdle(Duration.ofMinutes(1))).isTrue();
            assertThat(fx.rows("SELECT state, failure_reason FROM pipeline_jobs").get(0))
                    .containsEntry("state", "cancelled").containsEntry("failure_reason", "cancelled by Scopeflow");

            Files.writeString(marker, "");
            assertThat(jobs.retry(fx.sessionId, "wait")).isEqualTo(1);
            assertThat(engine.runUntilIdle(Duration.ofMinutes(1))).isTrue();
            assertThat(fx.rows("SELECT state, attempt FROM pipeline_jobs WHERE run_id = ?", run.id()).get(0))
                    .containsEntry("state", "succeeded").containsEntry("attempt", 2);
            assertThat(fx.rows("SELECT outcome FROM pipeline_job_attempts ORDER BY attempt"))
                    .extracting(r -> r.get("outcome")).containsExactly("cancelled", "succeeded");
            local.close();
        }
    }

    static String state(EngineFixture fx) {
        var rows = fx.rows("SELECT state FROM pipeline_jobs");
        return rows.isEmpty() ? "" : (String) rows.get(0).get("state");
    }
}
