package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.provenance.ProvenanceReport;

/** Rerunning one step for chosen items with new parameters, on the embedded H2 catalog ({@link RerunPostgresIT}: PostgreSQL). */
class RerunTest {
    @Test
    void rerunKeepsOldOutputsUsesNewParametersAndMakesItsMetricsCurrent(@TempDir Path dir) throws Exception {
        try (EngineFixture fx = EngineFixture.h2(dir)) {
            scenario(fx);
        }
    }

    @Test
    void rerunRefusesUnknownStepsItemsNotOfTheStepAndItemsStillRunning(@TempDir Path dir) throws Exception {
        try (EngineFixture fx = EngineFixture.h2(dir)) {
            long m1 = fx.addFile("m1.dat", "x");
            long other = fx.addFile("notes.txt", "x");
            LocalExecutor local = fx.local(2);
            PipelineEngine engine = fx.engine("e", Map.of("local", local));
            engine.attach(fx.sessionId, pipeline(fx), fx.input, fx.work);
            assertThat(engine.runUntilIdle(Duration.ofMinutes(1))).isTrue();
            StepRerun rerun = new StepRerun(fx.jdbi(), fx.clock);

            assertThatThrownBy(() -> rerun.request(fx.sessionId, "mesure", List.of(), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has a step 'mesure'")
                    .hasMessageContaining("[measure, report]");
            assertThatThrownBy(() -> rerun.request(fx.sessionId, "measure", List.of(other), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("files [" + other + "] are not items of step measure");
            rerun.request(fx.sessionId, "measure", List.of(m1), Map.of("scale", 2));
            assertThatThrownBy(() -> rerun.request(fx.sessionId, "measure", List.of(m1), Map.of("scale", 3)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("still has unfinished jobs for [file:" + m1 + "]");
            local.close();
        }
    }

    @Test
    void batchAndFinalStepsAreRerunWholeOverTheSameItemsReadingTheNewestResultsUpstream(@TempDir Path dir) throws Exception {
        try (EngineFixture fx = EngineFixture.h2(dir)) {
            batchScenario(fx);
        }
    }

    /**
     * Three items through measure → collect (batches of 2) → final, the session closed; then measure rerun
     * for all with scale 5, collect rerun whole with factor 10 once that is done, and final rerun.
     */
    static void batchScenario(EngineFixture fx) throws Exception {
        long[] m = threeItems(fx);
        long m1 = m[0];
        long m2 = m[1];
        long m3 = m[2];
        LocalExecutor local = fx.local(2);
        PipelineEngine engine = fx.engine("e", Map.of("local", local));
        Path sum = fx.script("sum.sh", """
                out=$1; factor=$2; shift 2
                total=0; for f in "$@"; do case "$f" in */out.txt) total=$(( total + $(cat "$f") ));; esac; done
                echo $(( total * factor )) > "$out/sum.txt"
                """);
        pipeline(fx); // writes measure.sh
        String yaml = """
                name: rerun-batches
                steps:
                  - id: measure
                    command: "%s {param.scale} {output_dir}"
                    inputs: "*.dat"
                    parameters: {scale: 1}
                    outputs: [out.txt]
                  - id: collect
                    command: "%s {output_dir} {param.factor} {inputs}"
                    inputs: measure.output
                    parameters: {factor: 1}
                    trigger: {batch: {every_items: 2}}
                    outputs: [sum.txt]
                  - id: final
                    command: "cat {inputs} | sort -n | paste -sd, > {output_dir}/all.txt"
                    inputs: collect.output
                    trigger: final
                """.formatted(fx.work.getParent().resolve("measure.sh"), sum);
        var run = engine.attach(fx.sessionId, yaml, fx.input, fx.work);
        engine.closeRun(run.id()); // the session is over: the last, partly full batch and the final step run too
        assertThat(engine.runUntilIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(Files.readString(fx.work.resolve("final/final/all.txt")).strip()).isEqualTo("1,2");
        StepRerun rerun = new StepRerun(fx.jdbi(), fx.clock);

        assertThatThrownBy(() -> rerun.request(fx.sessionId, "collect", List.of(m1), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs per batch, not per item: rerun it whole");
        // picking (here: measure) again with new parameters; the batch step does not follow by itself
        StepRerun.Queued measure = rerun.request(fx.sessionId, "measure", List.of(), Map.of("scale", 5));
        assertThat(measure.notRedone()).containsExactly("collect", "final");
        assertThatThrownBy(() -> rerun.request(fx.sessionId, "collect", List.of(), Map.of()))
                .as("not while what it reads is still being redone")
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("steps [measure] that collect reads still have unfinished jobs");
        assertThat(engine.runUntilIdle(Duration.ofMinutes(1))).isTrue();

        StepRerun.Queued collect = rerun.request(fx.sessionId, "collect", List.of(), Map.of("factor", 10));
        assertThat(collect.generation()).isEqualTo(3);
        assertThat(collect.jobs()).containsExactly("batch:1", "batch:2");
        assertThat(collect.items()).containsExactly(m1, m2, m3);
        assertThat(collect.notRedone()).containsExactly("final");
        assertThatThrownBy(() -> rerun.request(fx.sessionId, "collect", List.of(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("step collect still has unfinished jobs [batch:1, batch:2]");
        assertThat(engine.runUntilIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(Files.readString(fx.work.resolve("collect/batch-1-g3/sum.txt")).strip()).as("(5 + 5) × 10").isEqualTo("100");
        assertThat(Files.readString(fx.work.resolve("collect/batch-2-g3/sum.txt")).strip()).as("5 × 10").isEqualTo("50");
        assertThat(Files.readString(fx.work.resolve("collect/batch-1/sum.txt")).strip()).as("old output kept").isEqualTo("2");

        StepRerun.Queued fin = rerun.request(fx.sessionId, "final", List.of(), Map.of());
        assertThat(fin.jobs()).containsExactly("final");
        assertThat(engine.runUntilIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(Files.readString(fx.work.resolve("final/final-g4/all.txt")).strip()).isEqualTo("50,100");

        assertThat(fx.rows("SELECT step_id, generation, state, COUNT(*) AS n FROM pipeline_jobs WHERE run_id = ? "
                + "AND step_id IN ('collect', 'final') GROUP BY step_id, generation, state ORDER BY step_id, generation", run.id()))
                .extracting(r -> r.get("step_id") + " g" + r.get("generation") + " " + r.get("state") + " " + r.get("n"))
                .containsExactly("collect g1 succeeded 2", "collect g3 succeeded 2", "final g1 succeeded 1", "final g4 succeeded 1");
        JsonNode prov = new ProvenanceReport(fx.jdbi()).report(fx.sessionId).at("/runs/0/reruns");
        assertThat(prov).extracting(r -> r.get("step").asText() + " g" + r.get("generation").asInt())
                .containsExactly("measure g2", "collect g3", "final g4");
        local.close();
    }

    @Test
    void setValuesAreReadAsYamlScalars() {
        assertThat(StepRerun.parseAssignments(List.of("scale=5", "ratio=0.5", "dose_weighting=false", "resolution=30:4")))
                .containsExactly(Map.entry("scale", 5), Map.entry("ratio", 0.5), Map.entry("dose_weighting", false),
                        Map.entry("resolution", "30:4"));
        assertThatThrownBy(() -> StepRerun.parseAssignments(List.of("Scale 5"))).hasMessageContaining("expected NAME=VALUE");
    }

    /**
     * Three items through measure → report with scale 1, then measure rerun for two items with scale 5
     * by a second engine (as `scopeflow pipeline run` or a server would pick it up).
     */
    static void scenario(EngineFixture fx) throws Exception {
        long[] m = threeItems(fx);
        long m1 = m[0];
        long m2 = m[1];
        long m3 = m[2];
        LocalExecutor local = fx.local(2);
        PipelineEngine first = fx.engine("first", Map.of("local", local));
        var run = first.attach(fx.sessionId, pipeline(fx), fx.input, fx.work);
        assertThat(first.runUntilIdle(Duration.ofMinutes(1))).isTrue();
        assertThat(fx.sessions.metricsWithUnits(m1).get("measure.size_angstrom")).isEqualTo(new Metric(1, "Å"));

        StepRerun.Queued q = new StepRerun(fx.jdbi(), fx.clock).request(fx.sessionId, "measure", List.of(m1, m2), Map.of("scale", 5));
        assertThat(q.generation()).isEqualTo(2);
        assertThat(q.downstream()).containsExactly("report");
        PipelineEngine second = fx.engine("second", Map.of("local", local));
        assertThat(second.runUntilIdle(Duration.ofMinutes(1))).isTrue();

        assertThat(fx.rows("SELECT step_id, generation, state, COUNT(*) AS n FROM pipeline_jobs WHERE run_id = ? "
                + "GROUP BY step_id, generation, state ORDER BY step_id, generation", run.id()))
                .extracting(r -> r.get("step_id") + " g" + r.get("generation") + " " + r.get("state") + " " + r.get("n"))
                .containsExactly("measure g1 succeeded 3", "measure g2 succeeded 2", "report g1 succeeded 3", "report g2 succeeded 2");
        for (long item : List.of(m1, m2)) {
            Map<String, Metric> now = fx.sessions.metricsWithUnits(item);
            assertThat(now.get("measure.size_angstrom")).as("item %d", item).isEqualTo(new Metric(5, "Å"));
            assertThat(now.get("report.copied_angstrom")).as("downstream read the new output").isEqualTo(new Metric(5, "Å"));
        }
        assertThat(fx.sessions.metricsWithUnits(m3).get("measure.size_angstrom")).as("not rerun").isEqualTo(new Metric(1, "Å"));
        assertThat(Files.readString(fx.work.resolve("measure/f" + m1 + "-m1/out.txt")).strip()).as("old output kept").isEqualTo("1");
        assertThat(Files.readString(fx.work.resolve("measure/f" + m1 + "-m1-g2/out.txt")).strip()).isEqualTo("5");
        assertThat(fx.rows("SELECT f.path FROM pipeline_job_files f JOIN pipeline_jobs j ON f.job_id = j.id "
                + "WHERE j.step_id = 'report' AND j.generation = 2 AND j.item_file_id = ? AND f.direction = 'input'", m1))
                .extracting(r -> (String) r.get("path")).allSatisfy(p -> assertThat(p).contains("-g2/")).isNotEmpty();

        JsonNode prov = new ProvenanceReport(fx.jdbi()).report(fx.sessionId).at("/runs/0");
        assertThat(prov.at("/reruns/0/step").asText()).isEqualTo("measure");
        assertThat(prov.at("/reruns/0/generation").asInt()).isEqualTo(2);
        assertThat(prov.at("/reruns/0/parameter_overrides/scale").asInt()).isEqualTo(5);
        assertThat(prov.get("jobs")).filteredOn(j -> j.get("step").asText().equals("measure") && j.get("item").asText().equals("file:" + m1))
                .extracting(j -> j.get("generation").asInt() + " scale=" + j.at("/parameters/scale").asInt()
                        + " " + j.get("command_line").asText().contains(" 5 "))
                .containsExactly("1 scale=1 false", "2 scale=5 true");
        local.close();
    }

    /** Three items, m1.dat … m3.dat, in the session; their file ids. */
    static long[] threeItems(EngineFixture fx) throws Exception {
        return new long[] {fx.addFile("m1.dat", "x"), fx.addFile("m2.dat", "x"), fx.addFile("m3.dat", "x")};
    }

    /** measure writes its scale as a metric and a file; report copies the file it gets from measure. */
    static String pipeline(EngineFixture fx) throws Exception {
        Path measure = fx.script("measure.sh", """
                echo "$1" > "$2/out.txt"
                printf '{"size_angstrom": {"value": %s, "unit": "Å"}}' "$1" > "$2/metrics.json"
                """);
        Path report = fx.script("report.sh", """
                out=$1; shift
                for f in "$@"; do case "$f" in */out.txt) v=$(cat "$f");; esac; done
                echo "$v" > "$out/seen.txt"
                printf '{"copied_angstrom": {"value": %s, "unit": "Å"}}' "$v" > "$out/metrics.json"
                """);
        return """
                name: rerun
                steps:
                  - id: measure
                    command: "%s {param.scale} {output_dir}"
                    inputs: "*.dat"
                    parameters: {scale: 1}
                    outputs: [out.txt]
                  - id: report
                    command: "%s {output_dir} {inputs}"
                    inputs: measure.output
                    outputs: [seen.txt]
                """.formatted(measure, report);
    }
}
