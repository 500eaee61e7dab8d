package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.imaging.sim.AcquisitionLayout;
import org.scopeflow.imaging.sim.AcquisitionPlan;
import org.scopeflow.imaging.sim.AcquisitionRate;
import org.scopeflow.imaging.sim.AcquisitionRun;
import org.scopeflow.imaging.sim.MicroscopeSettings;
import org.scopeflow.imaging.sim.MovieFormat;
import org.scopeflow.imaging.sim.Sleeper;
import org.scopeflow.pipeline.exec.SlurmAvailability;
import org.scopeflow.pipeline.exec.SlurmCli;
import org.scopeflow.pipeline.exec.SlurmExecutor;
import org.scopeflow.pipeline.job.PipelineRun;
import org.scopeflow.pipeline.spec.PipelineParser;
import org.scopeflow.pipeline.spec.PipelineTemplates;
import org.scopeflow.pipeline.spec.StepSpec;

/**
 * RELION motioncorr → autopick → extract → class2d on simulated movies, every job submitted through a
 * real Slurm (scripts/slurm.sh start) and run by the installed RELION 3.1. Skipped without Slurm or
 * RELION, except in CI (CI=true), where that is a failure.
 */
class RelionAdaptersIT {
    static final String CHAIN = """
            name: relion-chain
            steps:
              - id: motioncorr
                uses: relion:motioncorr
                inputs: ["**/*_fractions.tiff"]
                parameters: {pixel_size_angstrom: 1.5, dose_per_frame_e_per_a2: 1.0}
                executor: slurm
                resources: {cpus: 1, memory_mb: 500, time_limit_minutes: 5}
              - id: autopick
                uses: relion:autopick
                inputs: motioncorr.output
                parameters: {log_diam_min_angstrom: 50, log_diam_max_angstrom: 80}
                executor: slurm
                resources: {cpus: 1, memory_mb: 500, time_limit_minutes: 5}
              - id: extract
                uses: relion:extract
                inputs: [motioncorr.output, autopick.output]
                parameters: {box_size_px: 64, rescale_px: 32}
                executor: slurm
                resources: {cpus: 1, memory_mb: 500, time_limit_minutes: 5}
              - id: class2d
                uses: relion:class2d
                inputs: extract.output
                trigger: {batch: {every_items: 2}}
                parameters: {classes: 2, iterations: 3, diameter_angstrom: 60}
                executor: slurm
                resources: {cpus: 2, memory_mb: 1000, time_limit_minutes: 5}
              - id: class2d_mpi
                uses: relion:class2d
                inputs: extract.output
                trigger: final
                parameters: {classes: 2, iterations: 3, diameter_angstrom: 60}
                executor: slurm
                resources: {cpus: 1, mpi_ranks: 2, memory_mb: 1000, time_limit_minutes: 5}
            """;
    @TempDir
    Path dir;
    EngineFixture fx;
    PipelineEngine engine;

    @BeforeAll
    static void requireSlurmAndRelion() {
        SlurmAvailability.require();
        if ("root".equals(System.getProperty("user.name")) && System.getenv("OMPI_ALLOW_RUN_AS_ROOT") == null) {
            fail("these tests run MPI jobs and OpenMPI refuses root: run them through scripts/test.sh, or export "
                    + "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 first");
        }
        if (RelionAdapters.installedVersion().isEmpty()) {
            String how = "RELION is not installed (relion_refine --version failed); run scripts/install-deps.sh";
            if ("true".equals(System.getenv("CI"))) {
                fail(how);
            }
            assumeTrue(false, how);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        fx = EngineFixture.h2(dir);
        engine = fx.engine("e", Map.of("slurm", new SlurmExecutor(new SlurmCli(30))),
                RelionAdapters.register(new StepAdapters(), RelionAdapters.installedVersion()));
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void movieToClassAveragesThroughSlurmRecordsMetricsWithUnitsAndProvenance() throws Exception {
        List<Long> movies = simulateMovies(2);
        PipelineRun run = engine.attach(fx.sessionId, CHAIN, fx.input, fx.work);
        engine.closeRun(run.id());
        assertThat(engine.runUntilIdle(Duration.ofMinutes(3))).isTrue();

        assertThat(fx.rows("SELECT step_id, item_key, state, failure_reason FROM pipeline_jobs ORDER BY id"))
                .hasSize(8).allSatisfy(j -> assertThat(j.get("state")).as("%s", j).isEqualTo("succeeded"));
        for (long movie : movies) {
            Map<String, Metric> m = fx.sessions.metricsWithUnits(movie);
            assertThat(m.get("motioncorr.total_drift_angstrom").unit()).isEqualTo("Å");
            assertThat(m.get("motioncorr.total_drift_angstrom").value()).as("simulated drift").isGreaterThan(0.5);
            assertThat(m.get("motioncorr.max_frame_shift_angstrom").value())
                    .isLessThanOrEqualTo(m.get("motioncorr.total_drift_angstrom").value());
            assertThat(m.get("motioncorr.frames")).isEqualTo(new Metric(6, "count"));
            assertThat(m.get("autopick.particle_count").value()).isGreaterThan(0);
            assertThat(m.get("extract.particle_count").unit()).isEqualTo("count");
            assertThat(m.get("extract.particle_count").value()).isPositive()
                    .isLessThanOrEqualTo(m.get("autopick.particle_count").value());
        }
        Map<String, Metric> session = sessionMetrics();
        double extracted = movies.stream().mapToDouble(id -> fx.sessions.metricsWithUnits(id).get("extract.particle_count").value()).sum();
        assertThat(session.get("class2d.particle_count")).isEqualTo(new Metric(extracted, "count"));
        assertThat(session.get("class2d.class_count")).isEqualTo(new Metric(2, "count"));
        assertThat(session.get("class2d.best_class_resolution_angstrom").unit()).isEqualTo("Å");

        var class2d = fx.rows("SELECT output_dir, command_line, tool_name, tool_version, external_id FROM pipeline_jobs "
                + "WHERE step_id = 'class2d'").get(0);
        assertThat(Files.size(Path.of((String) class2d.get("output_dir")).resolve("Class2D/run_it003_classes.mrcs")))
                .as("2 class averages of 32² float32").isGreaterThan(2 * 32 * 32 * 4);
        java.awt.image.BufferedImage classesPng = javax.imageio.ImageIO.read(
                Path.of((String) class2d.get("output_dir")).resolve("classes.png").toFile());
        assertThat(classesPng.getWidth()).as("a montage of the populated classes (1 or 2), in one row")
                .isBetween(RelionClass2dAdapter.TILE_PIXEL + 8, 2 * (RelionClass2dAdapter.TILE_PIXEL + 4) + 4);
        assertThat(fx.rows("SELECT f.path FROM pipeline_job_files f JOIN pipeline_jobs j ON f.job_id = j.id "
                + "WHERE j.step_id = 'class2d' AND f.direction = 'output'"))
                .extracting(r -> Path.of((String) r.get("path")).getFileName().toString()).contains("classes.png");
        assertThat((String) class2d.get("command_line")).contains("relion_refine --i particles.star").contains("--K 2");
        assertThat(class2d.get("tool_name")).isEqualTo("relion_refine");
        assertThat((String) class2d.get("tool_version")).startsWith("RELION version: 3.");
        assertThat((String) class2d.get("external_id")).as("Slurm job id").matches("[0-9]+");
        assertThat(fx.rows("SELECT DISTINCT tool_name FROM pipeline_jobs ORDER BY tool_name"))
                .extracting(r -> r.get("tool_name"))
                .containsExactly("relion_autopick", "relion_preprocess", "relion_refine", "relion_refine_mpi", "relion_run_motioncorr");

        // The same classification with two MPI ranks (a master and one worker) in one Slurm job of two tasks.
        var mpi = fx.rows("SELECT output_dir, command_line, external_id FROM pipeline_jobs WHERE step_id = 'class2d_mpi'").get(0);
        assertThat((String) mpi.get("command_line")).contains("mpirun -n 2 relion_refine_mpi --i particles.star")
                .contains("--j 1");
        assertThat((String) mpi.get("external_id")).as("Slurm job id").matches("[0-9]+");
        assertThat(Files.size(Path.of((String) mpi.get("output_dir")).resolve("Class2D/run_it003_classes.mrcs")))
                .isGreaterThan(2 * 32 * 32 * 4);
        assertThat(Files.readString(Path.of((String) mpi.get("output_dir")).resolve(".scopeflow/stdout.log")))
                .as("relion_refine_mpi's own report of its ranks").contains("MPI processes");
        assertThat(session.get("class2d_mpi.particle_count")).isEqualTo(new Metric(extracted, "count"));
        assertTemplateOutputsMatch();
    }

    @Test
    void extractionThatWritesNoParticlesFailsNamingTheFileAndStderrThoughRelionExitsZero() throws Exception {
        Path mic = fx.input.resolve("mic1.mrc");
        SlurmEngineIT.writeMicrograph(mic, 3);
        fx.sessions.registerFile(fx.sessionId, "", "mic1.mrc", Files.size(mic), null, null);
        fx.addFile("mic1_autopick.star", "\ndata_\n\nloop_\n_rlnCoordinateX #1\n_rlnCoordinateY #2\n");
        String yaml = """
                name: empty-extract
                steps:
                  - id: extract
                    uses: relion:extract
                    inputs: ["*.mrc", "*_autopick.star"]
                    trigger: {batch: {every_items: 2}}
                    parameters: {box_size_px: 64}
                    executor: slurm
                    resources: {cpus: 1, memory_mb: 500, time_limit_minutes: 5}
                """;
        engine.attach(fx.sessionId, yaml, fx.input, fx.work);
        assertThat(engine.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        var job = fx.rows("SELECT state, exit_code, failure_reason FROM pipeline_jobs").get(0);
        assertThat(job.get("state")).isEqualTo("failed");
        assertThat(job.get("exit_code")).isEqualTo(0);
        assertThat((String) job.get("failure_reason")).contains("particles.star without rows in data_particles")
                .contains("stderr:").contains("no particles on micrograph");
    }

    private Map<String, Metric> sessionMetrics() {
        Map<String, Metric> m = new java.util.HashMap<>();
        fx.rows("SELECT meta_key, numeric_value, unit FROM metadata_values WHERE owner_kind = 'session' AND owner_id = ?", fx.sessionId)
                .forEach(r -> m.put((String) r.get("meta_key"), new Metric(((Number) r.get("numeric_value")).doubleValue(), (String) r.get("unit"))));
        return m;
    }

    /** The shipped RELION template's declared outputs are what the adapters really write. */
    private void assertTemplateOutputsMatch() {
        var template = new PipelineParser().parse(PipelineTemplates.yaml("single-particle-live-relion"), "template");
        for (StepSpec step : template.steps()) {
            if (step.tool().kind() != org.scopeflow.pipeline.spec.StepTool.Kind.RELION) {
                continue;
            }
            String out = (String) fx.rows("SELECT output_dir FROM pipeline_jobs WHERE step_id = ? AND state = 'succeeded'",
                    step.id()).get(0).get("output_dir");
            assertThat(OutputCheck.problems(Path.of(out), step.outputs())).as(step.id()).isEmpty();
        }
    }

    /** Simulated EPU movies (256², 6 frames, 1.5 Å/px, 60 Å particles) catalogued as session files; returns their ids. */
    private List<Long> simulateMovies(int count) throws Exception {
        AcquisitionPlan plan = new AcquisitionPlan(fx.input, count, 256, 6, 1.5, 40, 1.0, 1.5, 0, 200, 60, 0.4,
                MicroscopeSettings.krios(), AcquisitionRate.parse("max"), AcquisitionLayout.EPU, MovieFormat.TIFF, 7);
        var written = new AcquisitionRun(Clock.systemUTC(), Sleeper.system(), line -> { }).run(plan);
        return written.stream().map(p -> {
            try {
                return fx.sessions.registerFile(fx.sessionId, "", fx.input.relativize(p.movie()).toString(),
                        Files.size(p.movie()), null, null);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}
