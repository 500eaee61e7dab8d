package org.scopeflow.imaging.star;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.imaging.ExternalTool;

/** RELION 3.1 (Debian package relion) reads the STAR files we write, and we read the ones it writes. */
class StarRelionIT {
    @TempDir
    Path dir;

    @BeforeAll
    static void requireRelion() {
        ExternalTool.require(ExternalTool.works(List.of("relion_star_handler", "--version")),
                "RELION 3.1 (relion_star_handler, Debian package relion)");
    }

    static StarDocument particles(long seed, int count) {
        Random random = new Random(seed);
        StarLoop optics = new StarLoop("rlnOpticsGroupName", "rlnOpticsGroup", "rlnMicrographOriginalPixelSize",
                "rlnVoltage", "rlnSphericalAberration", "rlnAmplitudeContrast", "rlnImagePixelSize",
                "rlnImageSize", "rlnImageDimensionality")
                .addRow("opticsGroup1", 1, "0.885", "300", "2.7", "0.1", "1.77", 128, 2);
        StarLoop particles = new StarLoop("rlnCoordinateX", "rlnCoordinateY", "rlnMicrographName", "rlnDefocusU",
                "rlnDefocusV", "rlnDefocusAngle", "rlnOpticsGroup", "rlnImageName");
        for (int i = 0; i < count; i++) {
            String micrograph = i % 7 == 3 ? "MotionCorr/job002/grid square " + i / 7 + ".mrc"
                    : "MotionCorr/job002/mic" + i / 7 + ".mrc";
            particles.addRow(decimal(random.nextDouble() * 4096), decimal(random.nextDouble() * 4096), micrograph,
                    decimal(5000 + random.nextDouble() * 30000), decimal(5000 + random.nextDouble() * 30000),
                    decimal(random.nextDouble() * 180 - 90), 1,
                    String.format(Locale.ROOT, "%06d@Extract/job005/particles.mrcs", i + 1));
        }
        return new StarDocument().addBlock(new StarBlock("optics").addLoop(optics))
                .addBlock(new StarBlock("particles").addLoop(particles));
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    @Test
    void relionSelectsTheSameRowsFromOurParticlesFile() throws Exception {
        StarDocument ours = particles(42, 60);
        Path in = dir.resolve("particles.star");
        StarWriter.write(in, ours);

        ExternalTool.Result result = ExternalTool.run(dir, List.of("relion_star_handler", "--i", "particles.star",
                "--o", "selected.star", "--select", "rlnDefocusU", "--minval", "12000", "--maxval", "25000"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        Path out = dir.resolve("selected.star");
        assertThat(out).as("RELION output; it said:%n%s", result.output()).exists();

        StarDocument relions = StarReader.read(out); // a STAR file RELION wrote
        StarLoop expected = ours.requireBlock("particles").loop();
        List<Integer> selected = new ArrayList<>();
        for (int row = 0; row < expected.rowCount(); row++) {
            double defocus = expected.getDouble("rlnDefocusU", row);
            if (defocus >= 12000 && defocus <= 25000) {
                selected.add(row);
            }
        }
        StarLoop actual = relions.requireBlock("particles").loop();
        assertThat(actual.columns()).containsExactlyElementsOf(expected.columns());
        assertThat(actual.rowCount()).isEqualTo(selected.size()).isGreaterThan(10);
        for (int i = 0; i < selected.size(); i++) {
            assertSameRow(expected, selected.get(i), actual, i);
        }
        assertThat(relions.requireBlock("optics").getDouble("rlnImagePixelSize", 0)).isEqualTo(1.77);
        assertThat(relions.requireBlock("optics").getString("rlnOpticsGroupName", 0)).isEqualTo("opticsGroup1");
    }

    private static void assertSameRow(StarLoop expected, int expectedRow, StarLoop actual, int actualRow) {
        for (String column : expected.columns()) {
            String want = expected.getString(column, expectedRow);
            String got = actual.getString(column, actualRow);
            String where = "column " + column + ", our row " + expectedRow + ", RELION row " + actualRow;
            if (column.equals("rlnMicrographName") || column.equals("rlnImageName")) {
                assertThat(got).as(where).isEqualTo(want); // strings, including one with spaces, kept
            } else {
                assertThat(Double.parseDouble(got)).as(where).isCloseTo(Double.parseDouble(want), within(1e-6));
            }
        }
    }

    @Test
    void relionPipelinerReadsOurKeyValueBlockAndWeReadWhatItWrites() throws Exception {
        int counter = 3 + new Random(7).nextInt(40);
        StarDocument pipeline = new StarDocument()
                .addBlock(new StarBlock("pipeline_general").put("rlnPipeLineJobCounter", counter));
        StarWriter.write(dir.resolve("default_pipeline.star"), pipeline);

        ExternalTool.Result result = ExternalTool.run(dir, List.of("relion_pipeliner", "--addJob", "Import",
                "--addJobOptions", "Raw input files: == Movies/*.tif"));
        assertThat(result.exitCode()).as(result.output()).isZero();

        String job = String.format(Locale.ROOT, "Import/job%03d/", counter);
        StarDocument rewritten = StarReader.read(dir.resolve("default_pipeline.star"));
        assertThat(rewritten.requireBlock("pipeline_general").getDouble("rlnPipeLineJobCounter"))
                .as("RELION read our counter %d and advanced it; it said:%n%s", counter, result.output())
                .isEqualTo(counter + 1);
        assertThat(rewritten.requireBlock("pipeline_processes").getString("rlnPipeLineProcessName", 0))
                .isEqualTo(job);

        StarDocument jobStar = StarReader.read(dir.resolve(job + "job.star"));
        StarBlock options = jobStar.requireBlock("joboptions_values");
        List<String> names = new ArrayList<>();
        for (int row = 0; row < options.rowCount(); row++) {
            names.add(options.getString("rlnJobOptionVariable", row));
        }
        assertThat(names).contains("fn_in_raw", "fn_mtf");
        assertThat(options.getString("rlnJobOptionValue", names.indexOf("fn_in_raw"))).isEqualTo("Movies/*.tif");
        assertThat(options.getString("rlnJobOptionValue", names.indexOf("fn_mtf"))).isEmpty(); // RELION wrote ""
        assertThat(Files.exists(dir.resolve(job + "job.star"))).isTrue();
    }
}
