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

class PipelineEngineTest {
    @TempDir
    Path dir;
    EngineFixture fx;
    LocalExecutor local;

    @BeforeEach
    void setUp() throws Exception {
        fx = EngineFixture.h2(dir);
        local = fx.local(2);
    }

    @AfterEach
    void tearDown() {
        local.close();
        fx.close();
    }

    String pipeline() throws Exception {
        Path measure = fx.script("measure.sh", """
                score=$(head -n 1 "$1")
                echo "$score" > "$2/score.txt"
                echo "{\\"score\\": {\\"value\\": $score, \\"unit\\": \\"count\\"}}" > "$2/metrics.json"
                """);
        return """
                name: stream-test
                steps:
                  - id: measure
                    command: "%s {input} {output_dir}"
                    inputs: "movies/*.dat"
                    outputs: [score.txt]
                  - id: double
                    command: "cat {inputs} > /dev/null; echo $(( $(cat {output_dir}/../../measure/$(basename {output_dir})/score.txt) * {param.factor} )) > {output_dir}/double.txt"
                    inputs: measure.output
                    parameters: {factor: 2}
                    condition: "measure.score <= 5"
                  - id: collect
                    command: "cat {inputs} > {output_dir}/batch.txt"
                    inputs: double.output
                    trigger: {batch: {every_items: 2}}
                  - id: report
                    command: "cat {inputs} | sort -n | paste -sd, > {output_dir}/report.txt"
                    inputs: collect.output
                    trigger: final
                """.formatted(measure);
    }

    @Test
    void streamsItemsThroughEachBatchAndFinalStepsRecordingMetricsAndProvenance() throws Exception {
        long[] ids = {fx.addFile("movies/a.dat", "1\n"), fx.addFile("movies/b.dat", "3\n"), fx.addFile("movies/c.dat", "6\n")};
        fx.addFile("notes.txt", "not a movie");
        PipelineEngine engine = fx.engine("e1", Map.of("local", local));
        PipelineRun run = engine.attach(fx.sessionId, pipeline(), fx.input, fx.work);
        assertThat(engine.runUntilIdle(Duration.ofMinutes(2))).isTrue();

        // Job ids follow the order the engine planned them in, which depends on how fast jobs finish: compare as a set.
        assertThat(states(run)).containsExactlyInAnyOrder(
                "measure file:" + ids[0] + " succeeded", "measure file:" + ids[1] + " succeeded", "measure file:" + ids[2] + " succeeded",
                "double file:" + ids[0] + " succeeded", "double file:" + ids[1] + " succeeded", "double file:" + ids[2] + " skipped",
                "collect batch:1 succeeded");
        assertThat(fx.rows("SELECT failure_reason FROM pipeline_jobs WHERE state = 'skipped'").get(0).get("failure_reason"))
                .isEqualTo("condition 'measure.score <= 5' is false: measure.score = 6.0");
        assertThat(fx.sessions.metricsWithUnits(ids[1])).containsEntry("measure.score", new Metric(3, "count"));

        // More movies arrive; the session then closes: the second batch flushes partly full, then the final step.
        fx.addFile("movies/d.dat", "4\n");
        engine.closeRun(run.id());
        assertThat(engine.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        assertThat(states(run)).contains("collect batch:2 succeeded", "report final succeeded");
        Path report = fx.work.resolve("report/final/report.txt");
        assertThat(Files.readString(report).strip()).isEqualTo("2,6,8");

        Map<String, Object> double1 = fx.rows("SELECT * FROM pipeline_jobs WHERE step_id = 'double' AND item_key = ?",
                "file:" + ids[1]).get(0);
        assertThat((String) double1.get("command_line")).contains("* 2 )) > " + fx.work.resolve("double/f" + ids[1] + "-b") + "/double.txt");
        assertThat(double1.get("parameters_json")).isEqualTo("{\"factor\":2}");
        assertThat(double1.get("exit_code")).isEqualTo(0);
        assertThat(double1.get("host")).isNotNull();
        assertThat(double1.get("started_at")).isNotNull();
        assertThat(double1.get("ended_at")).isNotNull();
        List<Map<String, Object>> files = fx.rows("SELECT direction, path, checksum_algorithm, file_id FROM pipeline_job_files "
                + "WHERE job_id = ? ORDER BY direction", double1.get("id"));
        assertThat(files).extracting(m -> m.get("direction") + " " + Path.of((String) m.get("path")).getFileName())
                .containsExactly("input metrics.json", "input score.txt", "output double.txt");
        assertThat(files).allSatisfy(m -> assertThat(m.get("checksum_algorithm")).isEqualTo("sha256"));
        assertThat(fx.rows("SELECT relative_path FROM files WHERE storage_root = 'pipeline' AND id = ?", files.get(2).get("file_id")))
                .extracting(m -> m.get("relative_path")).containsExactly("stream-test/double/f" + ids[1] + "-b/double.txt");
    }

    @Test
    void aNewEngineOnTheSameCatalogDoesNotRecomputeFinishedJobs() throws Exception {
        fx.addFile("movies/a.dat", "1\n");
        fx.addFile("movies/b.dat", "2\n");
        PipelineEngine first = fx.engine("e1", Map.of("local", local));
        PipelineRun run = first.attach(fx.sessionId, pipeline(), fx.input, fx.work);
        assertThat(first.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        List<String> before = states(run);
        long jobRows = (long) fx.rows("SELECT COUNT(*) AS n FROM pipeline_jobs").get(0).get("n");

        PipelineEngine second = fx.engine("e2", Map.of("local", local));
        assertThat(second.runUntilIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(states(run)).isEqualTo(before);
        assertThat(fx.rows("SELECT COUNT(*) AS n FROM pipeline_jobs").get(0).get("n")).isEqualTo(jobRows);
        assertThat(fx.rows("SELECT MAX(attempt) AS a FROM pipeline_jobs").get(0).get("a")).isEqualTo(1);
    }

    @Test
    void commandStepsRecordTheVersionTheirVersionCommandPrints() throws Exception {
        fx.addFile("movies/a.dat", "1\n");
        Path tool = fx.script("mytool", "cp \"$1\" \"$2/out.txt\"");
        Path version = fx.script("mytool-version", "echo 'mytool 2.4.1 (build 77)'; echo 'more text'");
        String yaml = """
                name: versioned
                steps:
                  - id: copy
                    command: "%s {input} {output_dir}"
                    version_command: "%s"
                    inputs: "movies/*.dat"
                  - id: unversioned
                    command: "cat {inputs} > {output_dir}/x.txt"
                    inputs: copy.output
                """.formatted(tool, version);
        PipelineEngine engine = fx.engine("e1", Map.of("local", local));
        PipelineRun run = engine.attach(fx.sessionId, yaml, fx.input, fx.work);
        assertThat(engine.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        assertThat(fx.rows("SELECT step_id, state, tool_name, tool_version FROM pipeline_jobs WHERE run_id = ? ORDER BY id", run.id()))
                .extracting(m -> m.get("step_id") + " " + m.get("state") + " " + Path.of((String) m.get("tool_name")).getFileName()
                        + " [" + m.get("tool_version") + "]")
                .containsExactly("copy succeeded mytool [mytool 2.4.1 (build 77)]", "unversioned succeeded cat []");
        com.fasterxml.jackson.databind.JsonNode jobs = new org.scopeflow.pipeline.provenance.ProvenanceReport(fx.jdbi())
                .report(fx.sessionId).at("/runs/0/jobs");
        assertThat(jobs.findValuesAsText("tool_version")).contains("mytool 2.4.1 (build 77)");
    }

    @Test
    void imagesOfBatchJobsBelongToTheSessionTheNewestReplacingTheLast() throws Exception {
        // an adapter that shows the PNGs its command drew, as relion:class2d shows its class averages
        StepAdapter drawing = new StepAdapter() {
            final CommandStepAdapter command = new CommandStepAdapter();

            @Override
            public PreparedStep prepare(StepContext c) {
                return command.prepare(c);
            }

            @Override
            public Map<String, Metric> metrics(StepContext c) {
                return Map.of();
            }

            @Override
            public Map<String, Path> images(StepContext c) {
                return Map.of("classes_png", c.outputDir().resolve("classes.png"));
            }
        };
        StepAdapters adapters = new StepAdapters().register(org.scopeflow.pipeline.spec.StepTool.Kind.COMMAND, "command", drawing);
        Path work = java.nio.file.Files.createDirectories(fx.input.resolve("processing"));
        fx.addFile("movies/a.dat", "1\n");
        fx.addFile("movies/b.dat", "2\n");
        PipelineEngine engine = fx.engine("e1", Map.of("local", local), adapters);
        PipelineRun run = engine.attach(fx.sessionId, """
                name: drawn
                steps:
                  - id: classify
                    command: "cat {inputs} > {output_dir}/classes.png"
                    inputs: "movies/*.dat"
                    trigger: {batch: {every_items: 1}}
                """, fx.input, work);
        assertThat(engine.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        assertThat(states(run)).containsExactly("classify batch:1 succeeded", "classify batch:2 succeeded");
        List<Map<String, Object>> texts = fx.rows("SELECT owner_kind, owner_id, text_value FROM metadata_values "
                + "WHERE meta_key = 'classify.classes_png'");
        assertThat(texts).as("one value, the session's, pointing at the newest batch's image").hasSize(1);
        assertThat(texts.get(0).get("owner_kind")).isEqualTo("session");
        assertThat(((Number) texts.get(0).get("owner_id")).longValue()).isEqualTo(fx.sessionId);
        assertThat((String) texts.get(0).get("text_value")).isEqualTo("processing/classify/batch-2/classes.png");
        assertThat(fx.input.resolve((String) texts.get(0).get("text_value"))).exists();
    }

    List<String> states(PipelineRun run) {
        return fx.rows("SELECT step_id, item_key, state FROM pipeline_jobs WHERE run_id = ? ORDER BY id", run.id()).stream()
                .map(m -> m.get("step_id") + " " + m.get("item_key") + " " + m.get("state")).toList();
    }
}
