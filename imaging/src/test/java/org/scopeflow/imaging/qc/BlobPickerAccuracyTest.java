package org.scopeflow.imaging.qc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.scopeflow.imaging.ctf.CtfParameters;
import org.scopeflow.imaging.sim.MicroscopeSettings;
import org.scopeflow.imaging.sim.MovieSimulator;
import org.scopeflow.imaging.sim.MovieSpec;
import org.scopeflow.imaging.sim.MovieTruth;
import org.scopeflow.imaging.sim.SimulatedMovie;

/**
 * Acceptance: picking F1 ≥ 0.9 against the true coordinates at the default dose (40 e⁻/Å²) over the
 * default defocus range; a pick matches a true particle within a quarter of the diameter.
 */
class BlobPickerAccuracyTest {
    @Test
    void f1IsAtLeastNinetyPercent() {
        int truePositives = 0;
        int picked = 0;
        int real = 0;
        for (int i = 0; i < 6; i++) {
            double defocus = 8000 + 5400 * i;
            CtfParameters ctf = CtfParameters.at300kV(defocus + 300, defocus - 300, 30 * i);
            MovieSpec spec = new MovieSpec(1024, 1, 1.0, 40, ctf, 150, 0.3, MicroscopeSettings.krios());
            SimulatedMovie movie = new MovieSimulator().simulate(spec, 300 + i);
            PickResult picks = new BlobPicker().pick(movie.frames().get(0), 1.0, PickOptions.diameters(120, 180));
            int hits = matches(picks.picks(), movie.truth().particles(), 0.25 * 150);
            truePositives += hits;
            picked += picks.count();
            real += movie.truth().particles().size();
        }
        double precision = truePositives / (double) picked;
        double recall = truePositives / (double) real;
        double f1 = 2 * precision * recall / (precision + recall);
        System.out.printf(Locale.ROOT, "pick accuracy: %d true, %d picked, %d matched: precision %.3f recall %.3f F1 %.3f%n",
                real, picked, truePositives, precision, recall, f1);
        assertThat(f1).isGreaterThanOrEqualTo(0.9);
    }

    static int matches(List<Pick> picks, List<MovieTruth.Particle> truth, double toleranceOfPixel) {
        boolean[] used = new boolean[truth.size()];
        int hits = 0;
        for (Pick p : picks) {
            for (int j = 0; j < truth.size(); j++) {
                MovieTruth.Particle t = truth.get(j);
                if (!used[j] && Math.hypot(p.xPixel() - t.xPixel(), p.yPixel() - t.yPixel()) <= toleranceOfPixel) {
                    used[j] = true;
                    hits++;
                    break;
                }
            }
        }
        return hits;
    }
}
