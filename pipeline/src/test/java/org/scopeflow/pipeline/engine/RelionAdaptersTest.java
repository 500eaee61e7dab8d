package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.job.Job;
import org.scopeflow.pipeline.job.JobState;
import org.scopeflow.pipeline.spec.PipelineParser;
import org.scopeflow.pipeline.spec.StepSpec;

/** Command lines and output judgement of the RELION adapters, without running RELION. */
class RelionAdaptersTest {
    static final String VERSION = "RELION version: 3.1.3";
    @TempDir
    Path dir;

    static StepSpec step(String uses, String parameters) {
        return step(uses, parameters, "{cpus: 2}");
    }

    static StepSpec step(String uses, String parameters, String resources) {
        String yaml = """
                name: t
                steps:
                  - id: s
                    uses: %s
                    inputs: "*"
                    parameters: %s
                    resources: %s
                """.formatted(uses, parameters, resources);
        return new PipelineParser().parse(yaml, "test").requireStep("s");
    }

    StepContext context(StepSpec step, List<Path> inputs) throws IOException {
        Job job = new Job(1, 1, "s", "file:12", 12L, 1, JobState.SUBMITTED, 1, 1, "local", "e", null, null, null);
        return new StepContext(job, step, 1, "f12-movie", inputs, Files.createDirectories(dir.resolve("out")));
    }

    Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    /** The last (second) iteration's model.star of a 2D classification: per class, its share and resolution (Å). */
    void classModel(double... shareAndResolution) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < shareAndResolution.length; i += 2) {
            rows.append(i / 2 + 1).append("@Class2D/run_it002_classes.mrcs ").append(shareAndResolution[i]).append(' ')
                    .append(shareAndResolution[i + 1]).append('\n');
        }
        write("out/Class2D/run_it002_model.star", "data_model_classes\nloop_\n_rlnReferenceImage #1\n_rlnClassDistribution #2\n"
                + "_rlnEstimatedResolution #3\n" + rows);
    }

    void stderr(StepContext c, String text) throws IOException {
        write("out/" + OutputCheck.ENGINE_DIR + "/stderr.log", text);
    }

    @Test
    void motioncorrLinksTheMovieIntoTheProjectAndRunsOwnImplementationWithTheStepsCpus() throws Exception {
        Path movie = write("in/FoilHole_1_fractions.tiff", "x");
        StepContext c = context(step("relion:motioncorr", "{pixel_size_angstrom: 0.83, dose_per_frame_e_per_a2: 1.2, patches_x: 5}"),
                List.of(movie));
        PreparedStep p = new RelionMotionCorrAdapter(VERSION).prepare(c);
        assertThat(p.commandLine()).contains("ln -sf " + movie + " Movies/f12-movie.tiff")
                .contains("Movies/f12-movie.tiff 1\n").contains("_rlnMicrographOriginalPixelSize #3")
                .contains("relion_run_motioncorr --i movies.star --o MotionCorr/ --use_own --j 2 ")
                .contains("--patch_x 5 --patch_y 1").contains("--angpix 0.83").contains("--dose_per_frame 1.2")
                .contains("--dose_weighting");
        assertThat(p.toolName()).isEqualTo("relion_run_motioncorr");
        assertThat(p.toolVersion()).isEqualTo(VERSION);
    }

    @Test
    void withMpiRanksEachStepRunsTheMpiBuildOfItsProgramUnderMpirunWithTheStepsCpusPerRank() throws Exception {
        String mpi = "{cpus: 2, mpi_ranks: 3}";
        Path movie = write("in/m.tiff", "x");
        Path mic = write("in/f1-mic.mrc", "m");
        Path coords = write("in/f1-mic_autopick.star", "c");
        Path particles = write("in/particles.star", "p");
        Map<String, PreparedStep> prepared = new java.util.LinkedHashMap<>();
        prepared.put("relion_run_motioncorr", new RelionMotionCorrAdapter(VERSION)
                .prepare(context(step("relion:motioncorr", "{pixel_size_angstrom: 1.0}", mpi), List.of(movie))));
        prepared.put("relion_autopick", new RelionAutopickAdapter(VERSION)
                .prepare(context(step("relion:autopick", "{pixel_size_angstrom: 1.0}", mpi), List.of(mic))));
        prepared.put("relion_preprocess", new RelionExtractAdapter(VERSION)
                .prepare(context(step("relion:extract", "{pixel_size_angstrom: 1.0}", mpi), List.of(mic, coords))));
        prepared.put("relion_refine", new RelionClass2dAdapter(VERSION)
                .prepare(context(step("relion:class2d", "{}", mpi), List.of(particles))));
        prepared.forEach((tool, p) -> {
            assertThat(p.commandLine()).contains("mpirun -n 3 " + tool + "_mpi --i ").doesNotContain(" " + tool + " --i ");
            assertThat(p.toolName()).isEqualTo(tool + "_mpi");
        });
        assertThat(prepared.get("relion_refine").commandLine()).contains("--j 2")
                .contains("relion_star_handler --combine").doesNotContain("relion_star_handler_mpi");
        assertThat(prepared.get("relion_run_motioncorr").commandLine()).contains("--use_own --j 2 ");
        assertThat(new RelionClass2dAdapter(VERSION).prepare(context(step("relion:class2d", "{}", "{cpus: 2, mpi_ranks: 1}"),
                List.of(particles))).commandLine()).doesNotContain("mpirun").contains(" relion_refine --i ");
    }

    @Test
    void motioncorrOfATiffWithoutPixelSizeAsksForTheParameter() throws Exception {
        StepContext c = context(step("relion:motioncorr", "{}"), List.of(write("in/m_fractions.tiff", "x")));
        assertThatThrownBy(() -> new RelionMotionCorrAdapter(VERSION).prepare(c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("give parameters.pixel_size_angstrom");
    }

    @Test
    void motioncorrDriftIsThePathOfRelionsShiftsInAngstrom() throws Exception {
        StepContext c = context(step("relion:motioncorr", "{dose_per_frame_e_per_a2: 2.0}"), List.of());
        write("out/MotionCorr/Movies/f12-movie.mrc", "aligned");
        write("out/MotionCorr/Movies/f12-movie.star", """
                data_general
                _rlnMicrographOriginalPixelSize 1.5
                data_global_shift
                loop_
                _rlnMicrographFrameNumber #1
                _rlnMicrographShiftX #2
                _rlnMicrographShiftY #3
                1 0 0
                2 -3 -4
                3 -3 -4
                4 -3 -6
                """);
        RelionMotionCorrAdapter adapter = new RelionMotionCorrAdapter(VERSION);
        assertThat(adapter.outputProblems(c)).isEmpty();
        var m = adapter.metrics(c);
        // steps 5 px, 0, 2 px at 1.5 Å/px; at 2 e⁻/Å² per frame the first two steps start below 4 e⁻/Å²
        assertThat(m.get("total_drift_angstrom")).isEqualTo(new Metric(10.5, "Å"));
        assertThat(m.get("early_drift_angstrom")).isEqualTo(new Metric(7.5, "Å"));
        assertThat(m.get("late_drift_angstrom")).isEqualTo(new Metric(3.0, "Å"));
        assertThat(m.get("max_frame_shift_angstrom")).isEqualTo(new Metric(7.5, "Å"));
        assertThat(m.get("frames")).isEqualTo(new Metric(4, "count"));
    }

    @Test
    void motioncorrWithoutShiftsOrMicrographFailsNamingTheFilesAndTheStderrTail() throws Exception {
        StepContext c = context(step("relion:motioncorr", "{}"), List.of());
        stderr(c, "lots of output\nERROR: Image::openFile cannot open: Movies/f12-movie.tiff\n");
        assertThat(new RelionMotionCorrAdapter(VERSION).outputProblems(c)).satisfiesExactly(
                shifts -> assertThat(shifts).contains("relion_run_motioncorr wrote no " + c.outputDir().resolve("MotionCorr/Movies/f12-movie.star"))
                        .endsWith("stderr: lots of output | ERROR: Image::openFile cannot open: Movies/f12-movie.tiff"),
                mic -> assertThat(mic).contains("wrote no aligned micrograph " + c.outputDir().resolve("MotionCorr/Movies/f12-movie.mrc")));
    }

    @Test
    void extractPairsEachMicrographWithItsAutopickOrBuiltinCoordinatesAndLeavesOutTheRest() throws Exception {
        Path a = write("mc/a.mrc", "m");
        Path aCoords = write("pick/a_autopick.star", "c");
        Path b = write("mc/b_aligned.mrc", "m");
        Path bCoords = write("pick/b_aligned_pick.star", "c");
        Path lonely = write("mc/c.mrc", "m");
        StepContext c = context(step("relion:extract", "{pixel_size_angstrom: 1.0, box_size_px: 128, rescale_px: 64}"),
                List.of(a, write("mc/a.star", "shifts"), aCoords, b, bCoords, lonely));
        assertThat(RelionExtractAdapter.pairs(c)).containsExactly(java.util.Map.entry(a, aCoords), java.util.Map.entry(b, bCoords));
        String line = new RelionExtractAdapter(VERSION).prepare(c).commandLine();
        assertThat(line).contains("ln -sf " + aCoords + " Coords/Micrographs/a_coords.star")
                .contains("ln -sf " + b + " Micrographs/b_aligned.mrc").doesNotContain("c.mrc")
                .contains("relion_preprocess --i micrographs.star --coord_dir Coords/ --coord_suffix _coords.star")
                .contains("--extract_size 128 --scale 64 --norm --bg_radius 24").contains("--invert_contrast");
    }

    @Test
    void extractWithoutAnyCoordinatesCannotRun() throws Exception {
        StepContext c = context(step("relion:extract", "{}"), List.of(write("mc/a.mrc", "m")));
        assertThatThrownBy(() -> new RelionExtractAdapter(VERSION).prepare(c))
                .hasMessageContaining("found no micrograph NAME.mrc with coordinates NAME_autopick.star or NAME_pick.star");
    }

    @Test
    void extractWhoseParticlesStarHasOnlyTheOpticsGroupFailsThoughRelionExitedZero() throws Exception {
        StepContext c = context(step("relion:extract", "{}"), List.of());
        write("out/particles.star", "data_optics\nloop_\n_rlnOpticsGroup #1\n1\n\ndata_particles\nloop_\n_rlnImageName #1\n");
        stderr(c, " WARNING: no particles on micrograph: Micrographs/a.mrc\n");
        assertThat(new RelionExtractAdapter(VERSION).outputProblems(c)).singleElement().asString()
                .contains(c.outputDir().resolve("particles.star") + " without rows in data_particles")
                .endsWith("stderr: WARNING: no particles on micrograph: Micrographs/a.mrc");
    }

    @Test
    void class2dJoinsTheBatchsParticlesLinksTheirStacksAndRunsRefineWithTheParameters() throws Exception {
        Path p1 = write("x1/particles.star", "p");
        Path s1 = write("x1/Extract/Micrographs/f1-a.mrcs", "s");
        Path p2 = write("x2/particles.star", "p");
        StepContext c = context(step("relion:class2d", "{classes: 10, iterations: 5, diameter_angstrom: 150}"),
                List.of(p1, s1, write("x1/micrographs.star", "m"), p2));
        String line = new RelionClass2dAdapter(VERSION).prepare(c).commandLine();
        assertThat(line).contains("ln -sf " + s1 + " Extract/Micrographs/f1-a.mrcs")
                .contains("relion_star_handler --combine --i '" + p1 + " " + p2 + "' --o particles.star")
                .contains("relion_refine --i particles.star --o Class2D/run").contains("--iter 5").contains("--K 10")
                .contains("--particle_diameter 150.0").contains("--j 2").doesNotContain("micrographs.star");
    }

    @Test
    void class2dWithoutParticlesStarCannotRunAndWithoutModelFails() throws Exception {
        StepContext none = context(step("relion:class2d", "{}"), List.of(write("x/a.mrcs", "s")));
        assertThatThrownBy(() -> new RelionClass2dAdapter(VERSION).prepare(none)).hasMessageContaining("needs the particles.star");
        StepContext c = context(step("relion:class2d", "{iterations: 3}"), List.of());
        assertThat(new RelionClass2dAdapter(VERSION).outputProblems(c)).singleElement().asString()
                .contains("relion_refine wrote no " + c.outputDir().resolve("Class2D/run_it003_model.star"));
    }

    @Test
    void class2dMetricsComeFromTheLastIterationsModelAndData() throws Exception {
        StepContext c = context(step("relion:class2d", "{iterations: 2, classes: 3}"), List.of());
        classModel(0.75, 12.5, 0.25, 9.0, 0.0, 4.0);
        write("out/Class2D/run_it002_classes.mrcs", "averages");
        write("out/Class2D/run_it002_data.star", "data_particles\nloop_\n_rlnImageName #1\n1@a.mrcs\n2@a.mrcs\n");
        RelionClass2dAdapter adapter = new RelionClass2dAdapter(VERSION);
        assertThat(adapter.outputProblems(c)).isEmpty();
        var m = adapter.metrics(c);
        assertThat(m.get("particle_count")).isEqualTo(new Metric(2, "count"));
        assertThat(m.get("class_count")).isEqualTo(new Metric(3, "count"));
        assertThat(m.get("best_class_resolution_angstrom")).as("empty class 3 ignored").isEqualTo(new Metric(9.0, "Å"));
        assertThat(m.get("largest_class_percent")).isEqualTo(new Metric(75, "%"));
    }

    @Test
    void class2dDrawsItsPopulatedClassesMostPopulatedFirstAndRefusesUnreadableAverages() throws Exception {
        StepContext c = context(step("relion:class2d", "{iterations: 2, classes: 3}"), List.of());
        classModel(0.25, 12.5, 0.75, 9.0, 0.0, 999.0);
        // class 1: a bright disc; class 2: a dark disc on a bright background; class 3 (empty): flat
        java.util.List<org.scopeflow.imaging.image.FloatImage> averages = new java.util.ArrayList<>();
        for (float sign : new float[] {1f, -1f, 0f}) {
            float[] px = new float[24 * 24];
            for (int i = 0; i < px.length; i++) {
                px[i] = Math.hypot(i % 24 - 12, i / 24 - 12) < 6 ? sign : 0f;
            }
            averages.add(new org.scopeflow.imaging.image.FloatImage(24, 24, px));
        }
        Path stack = dir.resolve("out/Class2D/run_it002_classes.mrcs");
        org.scopeflow.imaging.mrc.MrcWriter.write(stack, averages, org.scopeflow.imaging.mrc.MrcWriteOptions.of(
                org.scopeflow.imaging.mrc.MrcMode.FLOAT32, 2.0));

        java.util.Map<String, Path> images = new RelionClass2dAdapter(VERSION).images(c);
        assertThat(images).containsOnlyKeys("classes_png");
        assertThat(images.get("classes_png")).isEqualTo(c.outputDir().resolve("classes.png"));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(images.get("classes_png").toFile());
        int cell = RelionClass2dAdapter.TILE_PIXEL + 4;
        assertThat(png.getWidth()).as("two populated classes, the empty one left out").isEqualTo(2 * cell + 4);
        int centre = 4 + RelionClass2dAdapter.TILE_PIXEL / 2;
        assertThat(png.getRGB(centre, centre) & 0xff).as("first tile: class 2 (75 %), dark disc").isLessThan(64);
        assertThat(png.getRGB(cell + centre, centre) & 0xff).as("second tile: class 1 (25 %), bright disc").isGreaterThan(192);

        Files.writeString(stack, "not an MRC stack");
        assertThatThrownBy(() -> new RelionClass2dAdapter(VERSION).images(c))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("relion_refine wrote class averages " + stack + " that cannot be read");
    }

    @Test
    void autopickCountsOnlyCoordinateRowsAndFailsOnAnEmptyTable() throws Exception {
        StepContext c = context(step("relion:autopick", "{}"), List.of());
        write("out/AutoPick/Micrographs/f12-movie_autopick.star", "data_\nloop_\n_rlnCoordinateX #1\n_rlnCoordinateY #2\n");
        assertThat(new RelionAutopickAdapter(VERSION).outputProblems(c)).singleElement().asString()
                .contains("_autopick.star without rows");
        write("out/AutoPick/Micrographs/f12-movie_autopick.star", "data_\nloop_\n_rlnCoordinateX #1\n_rlnCoordinateY #2\n1 2\n3 4\n");
        assertThat(new RelionAutopickAdapter(VERSION).metrics(c)).containsEntry("particle_count", new Metric(2, "count"));
    }
}
