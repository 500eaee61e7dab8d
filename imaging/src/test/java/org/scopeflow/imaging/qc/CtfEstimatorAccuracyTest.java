package org.scopeflow.imaging.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.scopeflow.imaging.ctf.CtfParameters;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.sim.MicroscopeSettings;
import org.scopeflow.imaging.sim.MovieSimulator;
import org.scopeflow.imaging.sim.MovieSpec;

/**
 * Acceptance: median relative defocus error below 2 % over 0.5–4 µm with astigmatism up to 1,000 Å, and
 * the astigmatism angle within 5° whenever the astigmatism is at least 300 Å. Micrographs are simulated
 * at 1024², one frame at the full default dose (what a perfectly aligned sum would be).
 */
class CtfEstimatorAccuracyTest {
    static double angleErrorDegree(double a, double b) {
        double d = Math.abs(a - b) % 180;
        return Math.min(d, 180 - d);
    }

    @Test
    void defocusAndAngleAreRecoveredOverTheUsualRange() {
        SplittableRandom random = new SplittableRandom(2024);
        CtfEstimator estimator = new CtfEstimator();
        List<Double> relativeErrors = new ArrayList<>();
        double worstAngle = 0;
        int micrographs = 14;
        for (int i = 0; i < micrographs; i++) {
            double mean = 5000 + 35000.0 * i / (micrographs - 1);
            double astigmatism = 1000 * random.nextDouble();
            double angle = 180 * random.nextDouble();
            CtfParameters truth = CtfParameters.at300kV(mean + astigmatism / 2, mean - astigmatism / 2, angle);
            MovieSpec spec = new MovieSpec(1024, 1, 1.0, 40, truth, 150, 0.25, MicroscopeSettings.krios());
            FloatImage micrograph = new MovieSimulator().simulate(spec, 500 + i).frames().get(0);
            CtfFit fit = estimator.estimate(micrograph, 1.0, CtfSearch.defaults());
            double relative = Math.abs(fit.ctf().meanDefocusAngstrom() - mean) / mean;
            relativeErrors.add(relative);
            double angleError = angleErrorDegree(fit.astigmatismAngleDegree(), angle);
            if (astigmatism >= 300) {
                worstAngle = Math.max(worstAngle, angleError);
            }
            System.out.printf(Locale.ROOT, "ctf accuracy: true %.0f/%.0f Å %.1f° fit %.0f/%.0f Å %.1f° "
                            + "error %.2f %% angle error %.1f° resolution %.1f Å score %.3f%n",
                    truth.defocusUAngstrom(), truth.defocusVAngstrom(), angle, fit.defocusUAngstrom(),
                    fit.defocusVAngstrom(), fit.astigmatismAngleDegree(), 100 * relative, angleError,
                    fit.fitResolutionAngstrom(), fit.fitScore());
        }
        Collections.sort(relativeErrors);
        double median = relativeErrors.get(relativeErrors.size() / 2);
        System.out.printf(Locale.ROOT, "ctf accuracy: median relative error %.3f %%, worst %.3f %%, worst angle error "
                + "(astigmatism ≥ 300 Å) %.1f°%n", 100 * median, 100 * relativeErrors.get(relativeErrors.size() - 1), worstAngle);
        assertThat(median).isLessThan(0.02);
        assertThat(worstAngle).isLessThan(5);
    }

    @Test
    void aMicrographWithoutRingsIsReportedNotFitted() {
        FloatImage flat = FloatImage.zeros(512, 512);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < flat.pixels().length; i++) {
            flat.pixels()[i] = (float) random.nextDouble();
        }
        CtfFit fit;
        try {
            fit = new CtfEstimator().estimate(flat, 1.0, CtfSearch.defaults());
        } catch (IllegalStateException e) {
            assertThat(e).hasMessageContaining("no Thon rings");
            return;
        }
        assertThat(fit.fitScore()).as("score of white noise").isLessThan(0.1);
    }

    @Test
    void aPixelSizeThatLeavesNoFitRangeIsRejected() {
        assertThatThrownBy(() -> new CtfEstimator().estimate(FloatImage.zeros(256, 256), 15.0, CtfSearch.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pixel size 15.0 Å");
    }
}
