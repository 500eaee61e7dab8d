package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.imaging.mrc.MrcReader;
import org.scopeflow.imaging.star.StarReader;

class SimulateAndQcCommandTest {
    static ConfigCommandTest.Run run(String... args) {
        return ConfigCommandTest.run(args);
    }

    @Test
    void simulatedMoviesGoThroughEveryQcProcessor(@TempDir Path dir) throws Exception {
        Path session = dir.resolve("session");
        ConfigCommandTest.Run sim = run("simulate", "--out", session.toString(), "--movies", "1", "--frames", "6",
                "--size", "512", "--particle-diameter", "120", "--rate", "max", "--layout", "flat", "--format", "mrc",
                "--seed", "9");
        assertThat(sim.exitCode()).as(sim.err()).isZero();
        Path movie = session.resolve("movie_00001.mrc");
        assertThat(movie).exists();
        assertThat(session.resolve("truth/movie_00001.mrc.json")).exists();
        Path out = dir.resolve("qc");

        JsonNode motion = json(run("qc", "motion", movie.toString(), "--out", out.toString(), "--json"));
        JsonNode m = motion.get("results").get(0);
        assertThat(m.get("shifts")).hasSize(6);
        assertThat(m.get("total_drift_angstrom").asDouble()).isPositive();
        Path sum = Path.of(m.get("aligned_sum").asText());
        assertThat(MrcReader.read(sum).sections()).hasSize(1);
        assertThat(Path.of(m.get("drift_png").asText())).exists();

        JsonNode ctf = json(run("qc", "ctf", sum.toString(), "--out", out.toString(), "--tile", "256", "--json"));
        JsonNode c = ctf.get("results").get(0);
        JsonNode truth = new ObjectMapper().readTree(session.resolve("truth/movie_00001.mrc.json").toFile());
        double trueMean = (truth.get("defocus_u_angstrom").asDouble() + truth.get("defocus_v_angstrom").asDouble()) / 2;
        double fitMean = (c.get("defocus_u_angstrom").asDouble() + c.get("defocus_v_angstrom").asDouble()) / 2;
        assertThat(Math.abs(fitMean - trueMean) / trueMean).isLessThan(0.05);
        assertThat(c.has("fit_resolution_angstrom")).isTrue();

        JsonNode pick = json(run("qc", "pick", sum.toString(), "--out", out.toString(), "--diameter", "100:140", "--json"));
        JsonNode p = pick.get("results").get(0);
        assertThat(p.get("particle_count").asInt()).isEqualTo(truth.get("particles").size());
        var star = StarReader.read(Path.of(p.get("coordinates_star").asText()));
        assertThat(star.blocks().get(0).loop().columns()).contains("rlnCoordinateX", "rlnCoordinateY");
        assertThat(javax.imageio.ImageIO.read(Path.of(p.get("picks_png").asText()).toFile()).getWidth()).isLessThanOrEqualTo(512);

        ConfigCommandTest.Run thumb = run("qc", "thumbnail", movie.toString(), "--out", out.toString());
        assertThat(thumb.exitCode()).isZero();
        assertThat(out.resolve("movie_00001_thumb.png")).exists();
        assertThat(out.resolve("movie_00001_ps.png")).exists();
    }

    @Test
    void aMissingFileIsListedAndTheOthersStillRun(@TempDir Path dir) throws Exception {
        Path session = dir.resolve("s");
        assertThat(run("simulate", "--out", session.toString(), "--movies", "1", "--frames", "2", "--size", "256",
                "--particle-diameter", "60", "--rate", "max", "--layout", "serialem", "--format", "tiff").exitCode()).isZero();
        Path tiff = session.resolve("movie_00001.tiff");
        assertThat(session.resolve("movie_00001.tiff.mdoc")).exists();
        ConfigCommandTest.Run r = run("qc", "thumbnail", dir.resolve("nope.mrc").toString(), tiff.toString(),
                "--out", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nope.mrc");
        assertThat(r.out()).contains("movie_00001.tiff");
        ConfigCommandTest.Run noPixel = run("qc", "pick", tiff.toString(), "--out", dir.toString());
        assertThat(noPixel.exitCode()).isEqualTo(1);
        assertThat(noPixel.err()).contains("no pixel size").contains("--pixel-size");
    }

    @Test
    void badOptionsExitTwoWithTheValue(@TempDir Path dir) {
        ConfigCommandTest.Run r = run("simulate", "--out", dir.toString(), "--defocus", "3.5:0.8");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--defocus '3.5:0.8'");
        ConfigCommandTest.Run q = run("qc", "pick", "x.mrc", "--diameter", "abc");
        assertThat(q.exitCode()).isEqualTo(2);
        ConfigCommandTest.Run lightSheet = run("simulate", "--out", dir.resolve("ls").toString(), "--mode", "light-sheet",
                "--movies", "1", "--views", "1", "--size", "32", "--depth", "4", "--beads", "5", "--rate", "max");
        assertThat(lightSheet.exitCode()).as(lightSheet.err()).isZero();
        assertThat(List.of(dir.resolve("ls").toFile().list())).contains("tp00000_view0.tif");
    }

    static JsonNode json(ConfigCommandTest.Run r) throws Exception {
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }
}
