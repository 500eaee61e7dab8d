package org.scopeflow.imaging.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoissonSamplerTest {
    @Test
    void meanAndVarianceEqualTheRateForSmallAndLargeRates() {
        for (double rate : new double[] {0.3, 2.5, 9.9, 10, 40, 500}) {
            PoissonSampler s = new PoissonSampler(new SplittableRandom(11));
            int n = 200_000;
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                int k = s.sample(rate);
                sum += k;
                sum2 += (double) k * k;
            }
            double mean = sum / n;
            double variance = sum2 / n - mean * mean;
            assertThat(mean).as("mean at rate %s", rate).isCloseTo(rate, within(5 * Math.sqrt(rate / n) + 1e-9));
            assertThat(variance).as("variance at rate %s", rate).isCloseTo(rate, within(0.03 * rate + 0.01));
        }
    }

    @Test
    void zeroOrNegativeRateGivesZero() {
        PoissonSampler s = new PoissonSampler(new SplittableRandom(1));
        assertThat(s.sample(0)).isZero();
        assertThat(s.sample(-3)).isZero();
    }
}
