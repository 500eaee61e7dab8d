package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.exec.LocalExecutor;

/** A job fails for the right reason, with the evidence, whatever the exit code says. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailureDetectionTest {
    @TempDir
    static Path dir;
    EngineFixture fx;
    LocalExecutor local;
    Map<String, Map<String, Object>> byStep;

    @BeforeAll
    void runPipeline() throws Exception {
        fx = EngineFixture.h2(dir);
        local = fx.local(2);
        fx.addFile("m1.dat", "x");
        String yaml = """
                name: failures
                steps:
                  - id: nonzero
                    command: "echo 'bad header in {input}' >&2; exit 3"
                    inputs: "*.dat"
                  - id: missing-output
                    command: "echo all fine"
                    inputs: "*.dat"
                    outputs: [micrograph.mrc]
                  - id: empty-output
                    command: "touch {output_dir}/micrograph.mrc"
                    inputs: "*.dat"
                    outputs: ["*.mrc"]
                  - id: empty-star
                    command: "printf 'data_\\nloop_\\n_rlnMicrographName #1\\n' > {output_dir}/picks.star"
                    inputs: "*.dat"
                    outputs: ["*.star"]
                  - id: slow
                    command: "echo started; sleep 600"
                    inputs: "*.dat"
                  - id: flaky
                    command: "if [ -f {param.marker} ]; then echo ok > {output_dir}/ok.txt; else touch {param.marker}; echo first try fails >&2; exit 1; fi"
                    inputs: "*.dat"
                    parameters: {marker: "%s"}
                    retries: {max: 1, backoff_seconds: 0}
                    outputs: [ok.txt]
                """.formatted(dir.resolve("flaky.marker"));
        var executor = new ShortTimeLimitExecutor(local, "slow", Duration.ofSeconds(2));
        PipelineEngine engine = fx.engine("e1", Map.of("local", executor));
        engine.attach(fx.sessionId, yaml, fx.input, fx.work);
        assertThat(engine.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        byStep = new java.util.HashMap<>();
        fx.rows("SELECT * FROM pipeline_jobs").forEach(r -> byStep.put((String) r.get("step_id"), r));
    }

    @AfterAll
    void tearDown() {
        local.close();
        fx.close();
    }

    @Test
    void nonZeroExitFailsWithExitCodeAndStderrTail() {
        var job = byStep.get("nonzero");
        assertThat(job.get("state")).isEqualTo("failed");
        assertThat(job.get("exit_code")).isEqualTo(3);
        assertThat(job.get("failure_reason")).isEqualTo("exit code 3");
        assertThat((String) job.get("stderr_tail")).contains("bad header in " + fx.input.resolve("m1.dat"));
    }

    @Test
    void exitZeroWithoutDeclaredOutputFails() {
        var job = byStep.get("missing-output");
        assertThat(job.get("state")).isEqualTo("failed");
        assertThat(job.get("exit_code")).isEqualTo(0);
        assertThat((String) job.get("failure_reason")).isEqualTo("exit code 0 but declared output 'micrograph.mrc' is missing in "
                + fx.work.resolve("missing-output/f1-m1"));
        assertThat((String) job.get("stdout_tail")).contains("all fine");
    }

    @Test
    void exitZeroWithEmptyOutputFails() {
        assertThat((String) byStep.get("empty-output").get("failure_reason"))
                .isEqualTo("exit code 0 but output " + fx.work.resolve("empty-output/f1-m1/micrograph.mrc") + " is empty (0 bytes)");
    }

    @Test
    void exitZeroWithStarFileWithoutRowsFails() {
        assertThat((String) byStep.get("empty-star").get("failure_reason"))
                .isEqualTo("exit code 0 but STAR output " + fx.work.resolve("empty-star/f1-m1/picks.star") + " has no data rows");
    }

    @Test
    void timeLimitExceededFailsWithTheReason() {
        var job = byStep.get("slow");
        assertThat(job.get("state")).isEqualTo("failed");
        assertThat((String) job.get("failure_reason")).startsWith("time limit of 60 min exceeded: time limit of 2 s exceeded");
        assertThat((String) job.get("stdout_tail")).contains("started");
    }

    @Test
    void failedAttemptIsRetriedAndBothAttemptsAreKept() {
        var job = byStep.get("flaky");
        assertThat(job.get("state")).isEqualTo("succeeded");
        assertThat(job.get("attempt")).isEqualTo(2);
        List<String> attempts = fx.rows("SELECT attempt, outcome, failure_reason, stderr_tail FROM pipeline_job_attempts "
                + "WHERE job_id = ? ORDER BY attempt", job.get("id")).stream()
                .map(r -> (r.get("attempt") + " " + r.get("outcome") + " " + r.get("failure_reason") + " " + r.get("stderr_tail")).strip())
                .toList();
        assertThat(attempts).containsExactly("1 failed exit code 1 first try fails", "2 succeeded null");
    }
}
