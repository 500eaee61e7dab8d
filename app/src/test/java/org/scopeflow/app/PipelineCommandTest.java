package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.CatalogSettings;

class PipelineCommandTest {
    @Test
    void validateListsEveryProblemAndExitsTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                name: spa
                steps:
                  - id: motion
                    uses: builtin:motion
                    inputs: "*.tiff"
                    resources: {cpus: 0}
                  - id: pick
                    uses: builtin:pick
                    inputs: motion.output
                    needs: [ctff]
                """);
        ConfigCommandTest.Run run = ConfigCommandTest.run("pipeline", "validate", bad.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ": 2 problems",
                "steps[0].resources.cpus: 0 is out of range; allowed 1–1024 CPUs",
                "steps[1].needs: unknown step 'ctff'; known: motion, pick");
    }

    @Test
    void schemaAndTemplatesArePublished(@TempDir Path dir) throws Exception {
        ConfigCommandTest.Run schema = ConfigCommandTest.run("pipeline", "schema", "--output", dir.resolve("s.json").toString());
        assertThat(schema.exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(dir.resolve("s.json").toFile()).get("title").asText()).isEqualTo("Scopeflow pipeline");
        Path template = dir.resolve("light-sheet.yaml");
        assertThat(ConfigCommandTest.run("pipeline", "template", "light-sheet", "-o", template.toString()).exitCode()).isZero();
        assertThat(ConfigCommandTest.run("pipeline", "validate", template.toString()).exitCode()).isZero();
    }

    @Test
    void runProcessesADirectoryAndProvenanceExplainsIt(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("grid1"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(data.resolve("m" + i + ".dat"), "value " + i + "\n");
        }
        Path yaml = dir.resolve("p.yaml");
        Files.writeString(yaml, """
                name: copy
                steps:
                  - id: copy
                    command: "cp {input} {output_dir}/copy.txt; grep -qv 'value 2' {input}"
                    inputs: "*.dat"
                    outputs: [copy.txt]
                """);
        String db = "jdbc:h2:file:" + dir.resolve("db/sf") + CatalogSettings.H2_MODE;
        ConfigCommandTest.Run run = ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", data.toString(),
                "--db-url", db, "--cpus", "2", "--json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.at("/steps/copy/succeeded").asInt()).isEqualTo(2);
        assertThat(summary.at("/failed_jobs/0/failure_reason").asText()).isEqualTo("exit code 1");
        assertThat(Files.readString(dir.resolve("grid1-scopeflow/copy/f1-m1/copy.txt"))).isEqualTo("value 1\n");

        ConfigCommandTest.Run again = ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", data.toString(),
                "--db-url", db, "--json");
        assertThat(new ObjectMapper().readTree(again.out()).at("/steps/copy/succeeded").asInt())
                .as("a second run resumes, it does not redo").isEqualTo(2);

        ConfigCommandTest.Run retry = ConfigCommandTest.run("pipeline", "retry", "grid1", "--step", "copy", "--db-url", db);
        assertThat(retry.out()).contains("1 jobs queued again");
        ConfigCommandTest.Run third = ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", data.toString(),
                "--db-url", db, "--json");
        assertThat(third.exitCode()).isEqualTo(1);
        assertThat(ConfigCommandTest.run("pipeline", "cancel", "grid1", "--db-url", db).out()).contains("0 jobs cancelled");

        ConfigCommandTest.Run prov = ConfigCommandTest.run("pipeline", "provenance", "grid1", "--db-url", db);
        assertThat(prov.exitCode()).as(prov.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(prov.out());
        JsonNode job = doc.at("/runs/0/jobs/0");
        assertThat(job.get("command_line").asText()).startsWith("cp " + data.resolve("m1.dat"));
        assertThat(doc.at("/runs/0/jobs/1/attempt").asInt()).as("retried once").isEqualTo(2);
        assertThat(job.at("/inputs/0/checksum").asText()).startsWith("sha256:");
        assertThat(job.at("/outputs/0/path").asText()).endsWith("copy/f1-m1/copy.txt");
        assertThat(doc.get("methods_paragraph").asText()).contains("copy/copy (cp) on 2 items");
        assertThat(ConfigCommandTest.run("pipeline", "provenance", "nope", "--db-url", db).exitCode()).isEqualTo(2);
    }

    @Test
    void aFinalStepIsRerunWholeAndTheCommandSaysHowAfterARerunUpstream(@TempDir Path dir) throws Exception {
        Setup setup = setup(dir, "grid3", 2, """
                name: totals
                steps:
                  - id: scale
                    command: "echo {param.factor} > {output_dir}/f.txt"
                    inputs: "*.dat"
                    parameters: {factor: 1}
                    outputs: [f.txt]
                  - id: total
                    command: "echo $(( $(cat {inputs} | paste -sd+) )) > {output_dir}/total.txt"
                    inputs: scale.output
                    trigger: final
                """);
        Path data = setup.data();
        Path yaml = setup.yaml();
        String db = "jdbc:h2:file:" + dir.resolve("db/sf") + CatalogSettings.H2_MODE;
        assertThat(ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", data.toString(), "--db-url", db).exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("grid3-scopeflow/total/final/total.txt")).strip()).isEqualTo("2");

        ConfigCommandTest.Run scale = ConfigCommandTest.run("pipeline", "rerun", "grid3", "--step", "scale", "--all",
                "--set", "factor=5", "--db-url", db);
        assertThat(scale.exitCode()).as(scale.err()).isZero();
        assertThat(scale.out()).contains("step scale queued again for 2 items as generation 2")
                .contains("not redone: total").contains("rerun one with: scopeflow pipeline rerun grid3 --step total --all");
        ConfigCommandTest.Run early = ConfigCommandTest.run("pipeline", "rerun", "grid3", "--step", "total", "--all", "--db-url", db);
        assertThat(early.exitCode()).as("scale's new jobs have not run yet").isEqualTo(1);
        assertThat(early.err()).contains("steps [scale] that total reads still have unfinished jobs");
        assertThat(ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", data.toString(), "--db-url", db).exitCode()).isZero();

        ConfigCommandTest.Run items = ConfigCommandTest.run("pipeline", "rerun", "grid3", "--step", "total", "--items", "1", "--db-url", db);
        assertThat(items.exitCode()).isEqualTo(2);
        assertThat(items.err()).contains("step total runs per final, not per item");
        ConfigCommandTest.Run total = ConfigCommandTest.run("pipeline", "rerun", "grid3", "--step", "total", "--all", "--db-url", db, "--json");
        assertThat(total.exitCode()).as(total.err()).isZero();
        JsonNode queued = new ObjectMapper().readTree(total.out());
        assertThat(queued.get("generation").asInt()).isEqualTo(3);
        assertThat(queued.get("jobs")).extracting(JsonNode::asText).containsExactly("final");
        assertThat(ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", data.toString(), "--db-url", db).exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("grid3-scopeflow/total/final-g3/total.txt")).strip()).as("5 + 5").isEqualTo("10");
        assertThat(Files.readString(dir.resolve("grid3-scopeflow/total/final/total.txt")).strip()).as("old output kept").isEqualTo("2");
    }

    @Test
    void rerunQueuesANewGenerationWithTheSetParametersThatTheNextRunExecutes(@TempDir Path dir) throws Exception {
        Setup setup = setup(dir, "grid2", 2, """
                name: scale
                steps:
                  - id: scale
                    command: 'echo {param.factor} > {output_dir}/f.txt; printf ''\\x7b"factor": %s\\x7d'' {param.factor} > {output_dir}/metrics.json'
                    inputs: "*.dat"
                    parameters: {factor: 1}
                    outputs: [f.txt]
                """);
        Path data = setup.data();
        Path yaml = setup.yaml();
        String db = "jdbc:h2:file:" + dir.resolve("db/sf") + CatalogSettings.H2_MODE;
        assertThat(ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", data.toString(), "--db-url", db).exitCode()).isZero();

        assertThat(ConfigCommandTest.run("pipeline", "rerun", "grid2", "--step", "scale", "--db-url", db).exitCode())
                .as("neither --items nor --all").isEqualTo(2);
        assertThat(ConfigCommandTest.run("pipeline", "rerun", "grid2", "--step", "nope", "--all", "--db-url", db).err())
                .contains("has a step 'nope'");
        ConfigCommandTest.Run rerun = ConfigCommandTest.run("pipeline", "rerun", "grid2", "--step", "scale", "--items", "1",
                "--set", "factor=7", "--db-url", db, "--json");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        JsonNode queued = new ObjectMapper().readTree(rerun.out());
        assertThat(queued.get("generation").asInt()).isEqualTo(2);
        assertThat(queued.at("/parameter_overrides/factor").asInt()).isEqualTo(7);

        ConfigCommandTest.Run run = ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", data.toString(),
                "--db-url", db, "--json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(Files.readString(dir.resolve("grid2-scopeflow/scale/f1-m1/f.txt"))).as("old output kept").isEqualTo("1\n");
        assertThat(Files.readString(dir.resolve("grid2-scopeflow/scale/f1-m1-g2/f.txt"))).isEqualTo("7\n");
        JsonNode prov = new ObjectMapper().readTree(ConfigCommandTest.run("pipeline", "provenance", "grid2", "--db-url", db).out());
        assertThat(prov.at("/runs/0/reruns/0/parameter_overrides/factor").asInt()).isEqualTo(7);
        assertThat(prov.at("/runs/0/jobs")).extracting(j -> j.get("item").asText() + " g" + j.get("generation").asInt()
                + " factor=" + j.at("/parameters/factor").asInt() + " " + j.get("state").asText())
                .containsExactlyInAnyOrder("file:1 g1 factor=1 succeeded", "file:2 g1 factor=1 succeeded", "file:1 g2 factor=7 succeeded");
        try (var catalog = org.scopeflow.catalog.Catalog.open(new CatalogSettings(db, "", "", 2))) {
            java.util.List<Double> values = catalog.jdbi().withHandle(h -> h.createQuery("SELECT numeric_value FROM metadata_values "
                    + "WHERE owner_kind = 'file' AND owner_id = 1 AND meta_key = 'scale.factor'").mapTo(Double.class).list());
            assertThat(values).as("one current value, the rerun's").containsExactly(7.0);
        }
    }

    @Test
    void builtinStepsRunThroughQcAndRecordMetricsWithUnits(@TempDir Path dir) throws Exception {
        Path session = dir.resolve("sim");
        ConfigCommandTest.Run sim = ConfigCommandTest.run("simulate", "--out", session.toString(), "--movies", "1",
                "--frames", "6", "--size", "256", "--pixel-size", "1.5", "--particle-diameter", "80", "--rate", "0", "--seed", "7");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        Path yaml = dir.resolve("spa.yaml");
        Files.writeString(yaml, """
                name: spa
                steps:
                  - id: motion
                    uses: builtin:motion
                    inputs: "**/*_fractions.tiff"
                    parameters: {pixel_size: 1.5}
                  - id: ctf
                    uses: builtin:ctf
                    inputs: motion.output
                    parameters: {tile: 128, resolution: "30:5"}
                """);
        String db = "jdbc:h2:file:" + dir.resolve("db/sf") + CatalogSettings.H2_MODE;
        ConfigCommandTest.Run run = ConfigCommandTest.run("pipeline", "run", yaml.toString(), "--input", session.toString(),
                "--db-url", db, "--json");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        try (var catalog = org.scopeflow.catalog.Catalog.open(new CatalogSettings(db, "", "", 2))) {
            var rows = catalog.jdbi().withHandle(h -> h.createQuery("SELECT meta_key, unit FROM metadata_values "
                    + "WHERE meta_key IN ('motion.total_drift_angstrom', 'ctf.defocus_u_angstrom') ORDER BY meta_key").mapToMap().list());
            assertThat(rows).extracting(r -> r.get("meta_key") + " " + r.get("unit"))
                    .containsExactly("ctf.defocus_u_angstrom Å", "motion.total_drift_angstrom Å");
        }
    }

    @Test
    void qcJobsOfOneMicrographRunWithC1OnlyAndMotionWithC2(@TempDir Path dir) throws Exception {
        var adapters = PipelineRunCommand.adapters();
        var job = new org.scopeflow.pipeline.job.Job(1, 1, "s", "file:1", 1L, 1, org.scopeflow.pipeline.job.JobState.SUBMITTED,
                1, 1, "local", "e", null, null, null);
        Path mic = Files.writeString(dir.resolve("mic.mrc"), "m");
        for (String processor : java.util.List.of("motion", "ctf", "pick", "thumbnail")) {
            var step = new org.scopeflow.pipeline.spec.PipelineParser().parse("""
                    name: t
                    steps:
                      - id: s
                        uses: builtin:%s
                        inputs: "*.mrc"
                    """.formatted(processor), "test").requireStep("s");
            String line = adapters.forStep(step).prepare(new org.scopeflow.pipeline.engine.StepContext(job, step, 1, "f1-mic",
                    java.util.List.of(mic), dir)).commandLine();
            assertThat(line).contains(" org.scopeflow.app.Main qc " + processor + " ");
            if (processor.equals("motion")) {
                assertThat(line).doesNotContain("TieredStopAtLevel");
            } else {
                assertThat(line).contains(" -XX:TieredStopAtLevel=1 -cp ");
            }
        }
    }

    /** A session directory and a pipeline file. */
    record Setup(Path data, Path yaml) {}

    /** Session directory {@code dir/session} with {@code movies} files m1.dat … holding "x", and {@code yaml} as dir/p.yaml. */
    static Setup setup(Path dir, String session, int movies, String yaml) throws java.io.IOException {
        Path data = Files.createDirectories(dir.resolve(session));
        for (int i = 1; i <= movies; i++) {
            Files.writeString(data.resolve("m" + i + ".dat"), "x");
        }
        return new Setup(data, Files.writeString(dir.resolve("p.yaml"), yaml));
    }
}
