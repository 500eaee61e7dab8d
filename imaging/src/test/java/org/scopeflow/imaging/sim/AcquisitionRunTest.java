package org.scopeflow.imaging.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.imaging.mrc.MrcData;
import org.scopeflow.imaging.mrc.MrcReader;
import org.scopeflow.imaging.tiff.TiffReader;

class AcquisitionRunTest {
    /** A clock that only moves when the sleeper sleeps. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-03-01T10:15:30Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static AcquisitionPlan plan(Path out, int movies, AcquisitionLayout layout, MovieFormat format, String rate) {
        return new AcquisitionPlan(out, movies, 128, 4, 1.5, 40, 0.8, 3.5, 0, 800, 60, 0.25,
                MicroscopeSettings.krios(), AcquisitionRate.parse(rate), layout, format, 42);
    }

    @Test
    void epuMoviesGrowFrameByFrameAtTheRateThenGetTheirXml(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock();
        List<Long> sizesSeen = new ArrayList<>();
        List<Boolean> xmlSeen = new ArrayList<>();
        Sleeper sleeper = d -> {
            clock.now = clock.now.plus(d);
            try (var files = Files.walk(dir)) {
                List<Path> tiffs = files.filter(p -> p.toString().endsWith("_fractions.tiff")).sorted().toList();
                if (!tiffs.isEmpty()) {
                    Path last = tiffs.get(tiffs.size() - 1);
                    sizesSeen.add(Files.size(last));
                    xmlSeen.add(Files.exists(Path.of(last.toString().replace("_fractions.tiff", ".xml"))));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        Instant start = clock.now;
        var written = new AcquisitionRun(clock, sleeper, line -> { }).run(plan(dir, 2, AcquisitionLayout.EPU, MovieFormat.TIFF, "6/min"));
        assertThat(Duration.between(start, clock.now)).isEqualTo(Duration.ofSeconds(10).plus(Duration.ofMillis(1000)));
        assertThat(sizesSeen.subList(0, 4)).isSorted().doesNotHaveDuplicates();
        assertThat(xmlSeen.subList(0, 4)).containsOnly(false);
        Path movie = written.get(0).movie();
        assertThat(dir.relativize(movie).toString()).matches(
                "Images-Disc1/GridSquare_1000000/Data/FoilHole_2000000_Data_3000000_4000000_20260301_101530_fractions.tiff");
        assertThat(TiffReader.read(movie)).hasSize(4);
        String xml = Files.readString(written.get(0).sidecar());
        assertThat(xml).contains("<MicroscopeImage").contains("<AccelerationVoltage>300000.0</AccelerationVoltage>")
                .contains("<numericValue>1.500000E-10</numericValue>").contains("<NumberOfFractions>4</NumberOfFractions>");
        MovieTruth truth = TruthFile.read(written.get(0).truth());
        assertThat(truth.drift().frames()).isEqualTo(4);
        assertThat(truth.ctf().defocusUAngstrom()).isBetween(8000.0, 35400.0);
    }

    @Test
    void serialEmMrcMoviesHaveAnMdocAndAreReadable(@TempDir Path dir) throws Exception {
        var written = new AcquisitionRun(Clock.systemUTC(), d -> { }, line -> { })
                .run(plan(dir, 1, AcquisitionLayout.SERIALEM, MovieFormat.MRC, "max"));
        assertThat(written.get(0).movie().getFileName()).hasToString("movie_00001.mrc");
        MrcData data = MrcReader.read(written.get(0).movie());
        assertThat(data.sections()).hasSize(4);
        assertThat(data.header().pixelSizeAngstrom()).isEqualTo(1.5, org.assertj.core.api.Assertions.within(1e-4));
        String mdoc = Files.readString(dir.resolve("movie_00001.mrc.mdoc"));
        assertThat(mdoc).contains("[ZValue = 0]").contains("PixelSpacing = 1.5000").contains("Voltage = 300")
                .contains("ExposureDose = 40.000").contains("NumSubFrames = 4").containsPattern("Defocus = -\\d\\.\\d00");
    }

    @Test
    void sameSeedWritesTheSameBytes(@TempDir Path dir) throws Exception {
        AcquisitionRun run = new AcquisitionRun(new ManualClock(), d -> { }, line -> { });
        var a = run.run(plan(dir.resolve("a"), 1, AcquisitionLayout.FLAT, MovieFormat.MRC, "max"));
        var b = run.run(plan(dir.resolve("b"), 1, AcquisitionLayout.FLAT, MovieFormat.MRC, "max"));
        assertThat(Files.readAllBytes(a.get(0).movie())).isEqualTo(Files.readAllBytes(b.get(0).movie()));
        assertThat(a.get(0).sidecar()).isNull();
    }

    @Test
    void badOptionsNameTheValue() {
        assertThatThrownBy(() -> AcquisitionRate.parse("fast")).hasMessageContaining("rate 'fast'");
        assertThatThrownBy(() -> AcquisitionLayout.parse("leginon")).hasMessageContaining("'leginon' is not one of epu");
        assertThatThrownBy(() -> new AcquisitionPlan(Path.of("x"), 1, 128, 4, 1, 40, 3.5, 0.8, 0, 800, 60, 0.25,
                MicroscopeSettings.krios(), AcquisitionRate.parse("max"), AcquisitionLayout.FLAT, MovieFormat.MRC, 1))
                .hasMessageContaining("defocus range 3.5:0.8 µm");
        assertThat(AcquisitionRate.parse("120/h").interval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void lightSheetStacksAreSixteenBitWithBeadsAboveBackground(@TempDir Path dir) throws Exception {
        LightSheetPlan plan = new LightSheetPlan(dir, 2, 2, 64, 16, 30, AcquisitionRate.parse("max"), 5);
        List<Path> stacks = new LightSheetSimulator(new ManualClock(), d -> { }, line -> { }).run(plan);
        assertThat(stacks).extracting(p -> p.getFileName().toString())
                .containsExactly("tp00000_view0.tif", "tp00000_view1.tif", "tp00001_view0.tif", "tp00001_view1.tif");
        var slices = TiffReader.read(stacks.get(0));
        assertThat(slices).hasSize(16);
        var mip = org.scopeflow.imaging.qc.MaxProjector.project(slices);
        float max = 0;
        for (float v : mip.pixels()) {
            max = Math.max(max, v);
        }
        assertThat(max).isGreaterThan(300);
        assertThat(TiffReader.readHeader(stacks.get(0)).toString()).contains("16");
    }
}
