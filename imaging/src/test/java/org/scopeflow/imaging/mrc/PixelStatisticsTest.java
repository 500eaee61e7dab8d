package org.scopeflow.imaging.mrc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PixelStatisticsTest {
    /** addAll over chunks gives exactly what add gives value by value, NaN and −0 included. */
    @ParameterizedTest
    @CsvSource({"1000, -1, 7", "1000, 500, 7", "1, -1, 1", "4097, 0, 1000"})
    void addAllMatchesAddBitForBit(int n, int nanAt, int chunk) {
        Random random = new Random(n * 31L + nanAt);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (1e4 + 50 * random.nextGaussian());
        }
        values[n / 2] = -0f;
        if (nanAt >= 0) {
            values[nanAt] = Float.NaN;
        }
        PixelStatistics one = new PixelStatistics();
        PixelStatistics bulk = new PixelStatistics();
        for (int section = 0; section < 2; section++) {
            one.startSection(values[0]);
            bulk.startSection(values[0]);
            for (float v : values) {
                one.add(v);
            }
            for (int from = 0; from < n; from += chunk) {
                bulk.addAll(values, from, Math.min(n, from + chunk));
            }
            one.endSection();
            bulk.endSection();
        }
        assertThat(Float.floatToRawIntBits(bulk.min())).as("min").isEqualTo(Float.floatToRawIntBits(one.min()));
        assertThat(Float.floatToRawIntBits(bulk.max())).as("max").isEqualTo(Float.floatToRawIntBits(one.max()));
        assertThat(Float.floatToRawIntBits(bulk.mean())).as("mean").isEqualTo(Float.floatToRawIntBits(one.mean()));
        assertThat(Float.floatToRawIntBits(bulk.rms())).as("rms").isEqualTo(Float.floatToRawIntBits(one.rms()));
    }
}
