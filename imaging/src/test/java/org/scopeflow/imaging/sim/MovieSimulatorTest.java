package org.scopeflow.imaging.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopeflow.imaging.ctf.CtfParameters;
import org.scopeflow.imaging.image.FloatImage;

class MovieSimulatorTest {
    static MovieSpec spec(int size, int frames) {
        return new MovieSpec(size, frames, 1.0, 40, CtfParameters.at300kV(20500, 19500, 30), size >= 512 ? 120 : 60, 0.25,
                MicroscopeSettings.krios());
    }

    @Test
    void sameSeedGivesTheSameMovieAndAnotherSeedDoesNot() {
        SimulatedMovie a = new MovieSimulator().simulate(spec(256, 4), 7);
        SimulatedMovie b = new MovieSimulator().simulate(spec(256, 4), 7);
        SimulatedMovie c = new MovieSimulator().simulate(spec(256, 4), 8);
        for (int f = 0; f < 4; f++) {
            assertThat(a.frames().get(f).pixels()).as("frame %d", f).isEqualTo(b.frames().get(f).pixels());
        }
        assertThat(a.frames().get(0).pixels()).isNotEqualTo(c.frames().get(0).pixels());
        assertThat(a.truth()).usingRecursiveComparison().isEqualTo(b.truth());
    }

    @Test
    void framesAreElectronCountsAtTheDosePerFrame() {
        SimulatedMovie m = new MovieSimulator().simulate(spec(512, 8), 3);
        double expected = 40.0 / 8;
        for (FloatImage frame : m.frames()) {
            double sum = 0;
            for (float v : frame.pixels()) {
                assertThat(v).isEqualTo((float) Math.rint(v)).isGreaterThanOrEqualTo(0f);
                sum += v;
            }
            assertThat(sum / frame.pixels().length).isCloseTo(expected, within(0.05 * expected));
        }
    }

    @Test
    void particlesDoNotOverlapAndStayInsideTheImage() {
        MovieTruth t = new MovieSimulator().simulate(spec(1024, 1), 5).truth();
        List<MovieTruth.Particle> ps = t.particles();
        assertThat(ps).hasSizeGreaterThan(5);
        for (int i = 0; i < ps.size(); i++) {
            assertThat(ps.get(i).xPixel()).isBetween(60.0, 964.0);
            assertThat(ps.get(i).yPixel()).isBetween(60.0, 964.0);
            for (int j = i + 1; j < ps.size(); j++) {
                double d = Math.hypot(ps.get(i).xPixel() - ps.get(j).xPixel(), ps.get(i).yPixel() - ps.get(j).yPixel());
                assertThat(d).as("particles %d and %d", i, j).isGreaterThanOrEqualTo(120);
            }
        }
    }

    @Test
    void driftStartsAtZeroAndIsSmooth() {
        DriftTrack d = new MovieSimulator().simulate(spec(256, 16), 9).truth().drift();
        assertThat(d.x(0)).isZero();
        assertThat(d.y(0)).isZero();
        for (int f = 2; f < 16; f++) {
            double step = Math.hypot(d.x(f) - d.x(f - 1), d.y(f) - d.y(f - 1));
            double previous = Math.hypot(d.x(f - 1) - d.x(f - 2), d.y(f - 1) - d.y(f - 2));
            assertThat(step).as("step into frame %d", f).isLessThanOrEqualTo(previous + 0.4);
        }
    }

    @Test
    void iceStructureFactorPeaksAtTheIceRing() {
        assertThat(IceModel.structureFactor(1 / 3.7)).isGreaterThan(1.5);
        assertThat(IceModel.structureFactor(0.02)).isLessThan(0.1);
        assertThat(IceModel.whitePhaseSigmaRadian(MicroscopeSettings.krios(), 1.0)).isBetween(0.25, 0.4);
    }
}
