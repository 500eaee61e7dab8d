package org.scopeflow.imaging.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.scopeflow.imaging.ctf.CtfParameters;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.sim.MicroscopeSettings;
import org.scopeflow.imaging.sim.MovieSimulator;
import org.scopeflow.imaging.sim.MovieSpec;
import org.scopeflow.imaging.sim.MovieTruth;
import org.scopeflow.imaging.sim.SimulatedMovie;

/** Acceptance: drift RMS error below 0.2 px on simulated 1024² movies of 16 frames at the default dose. */
class MotionAlignerAccuracyTest {
    static double rmsErrorPixel(MotionResult r, MovieTruth truth) {
        double sum = 0;
        double[] x = r.shiftXAngstrom();
        double[] y = r.shiftYAngstrom();
        for (int f = 0; f < x.length; f++) {
            double dx = x[f] / r.pixelSizeAngstrom() - truth.drift().x(f);
            double dy = y[f] / r.pixelSizeAngstrom() - truth.drift().y(f);
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / x.length);
    }

    @Test
    void driftRmsErrorIsBelowAFifthOfAPixel() {
        MotionAligner aligner = new MotionAligner();
        double worst = 0;
        double total = 0;
        int movies = 3;
        for (int i = 0; i < movies; i++) {
            CtfParameters ctf = CtfParameters.at300kV(12000 + 7000 * i, 11600 + 7000 * i, 40 * i);
            MovieSpec spec = new MovieSpec(1024, 16, 1.0, 40, ctf, 150, 0.25, MicroscopeSettings.krios());
            SimulatedMovie movie = new MovieSimulator().simulate(spec, 1000 + i);
            MotionResult r = aligner.align(movie.frames(), 1.0, MotionOptions.defaults().withDose(2.5, true));
            double rms = rmsErrorPixel(r, movie.truth());
            System.out.printf(Locale.ROOT, "motion accuracy: movie %d drift RMS error %.3f px (total drift %.1f Å)%n",
                    i, rms, r.totalDriftAngstrom());
            worst = Math.max(worst, rms);
            total += rms;
        }
        System.out.printf(Locale.ROOT, "motion accuracy: mean %.3f px, worst %.3f px over %d movies%n", total / movies, worst, movies);
        assertThat(worst).isLessThan(0.2);
    }

    @Test
    void alignedSumLandsParticlesWhereTheTruthSaysForFrameZero() {
        CtfParameters ctf = CtfParameters.at300kV(15000, 15000, 0);
        MovieSpec spec = new MovieSpec(512, 8, 1.0, 40, ctf, 120, 0.25, MicroscopeSettings.krios());
        SimulatedMovie movie = new MovieSimulator().simulate(spec, 77);
        MotionResult r = new MotionAligner().align(movie.frames(), 1.0, MotionOptions.defaults());
        assertThat(r.alignedSum().width()).isEqualTo(512);
        assertThat(r.totalDriftAngstrom()).isGreaterThan(r.earlyDriftAngstrom()).isPositive();
        assertThat(r.earlyDriftAngstrom() + r.lateDriftAngstrom()).isCloseTo(r.totalDriftAngstrom(),
                within(1e-9));
        assertThat(r.shiftXAngstrom()[0]).isZero();
        PickResult picks = new BlobPicker().pick(r.alignedSum(), 1.0, PickOptions.diameters(100, 140));
        assertThat(picks.count()).isEqualTo(movie.truth().particles().size());
    }

    @Test
    void aSingleThreadedAlignerReadingFramesOnDemandGivesTheSameResult() throws java.io.IOException {
        CtfParameters ctf = CtfParameters.at300kV(15000, 15000, 0);
        MovieSpec spec = new MovieSpec(256, 6, 1.0, 40, ctf, 60, 0.25, MicroscopeSettings.krios());
        List<FloatImage> frames = new MovieSimulator().simulate(spec, 5).frames();
        MotionOptions options = MotionOptions.defaults().withDose(40.0 / 6, true);
        MotionResult parallel = new MotionAligner().align(frames, 1.0, options);
        java.util.Set<Integer> read = java.util.concurrent.ConcurrentHashMap.newKeySet();
        MotionResult streamed = MotionAligner.singleThreaded().align(new FrameSource() {
            @Override
            public int count() {
                return frames.size();
            }

            @Override
            public FloatImage frame(int index) {
                assertThat(read.add(index)).as("frame %d read once", index).isTrue();
                return frames.get(index).copy();
            }
        }, 1.0, options);
        assertThat(read).hasSize(frames.size());
        assertThat(streamed.shiftXAngstrom()).containsExactly(parallel.shiftXAngstrom(), within(1e-6));
        assertThat(streamed.shiftYAngstrom()).containsExactly(parallel.shiftYAngstrom(), within(1e-6));
        assertThat(streamed.alignedSum().pixels()).containsExactly(parallel.alignedSum().pixels(), within(1e-3f));
    }

    @Test
    void framesOfDifferentSizesAreRejectedNamingTheFrame() {
        List<FloatImage> frames = List.of(FloatImage.zeros(64, 64), FloatImage.zeros(64, 32));
        assertThatThrownBy(() -> new MotionAligner().align(frames, 1.0, MotionOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frame 1 is 64×32 px");
    }

    @Test
    void warmUpAlignsItsSyntheticMovieWithoutError() {
        // Run at start-up of `qc motion` on a spare thread; a failure there would only show as a stack trace.
        MotionAligner.warmUp();
    }
}
