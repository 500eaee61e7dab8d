package org.scopeflow.imaging.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scopeflow.imaging.image.FloatImage;

class AlignedSumTest {
    @Test
    void framesMovedByKnownShiftsSumBackOntoFrameZero() {
        Random random = new Random(2);
        int n = 64;
        float[] base = new float[n * n];
        for (int i = 0; i < base.length; i++) {
            base[i] = (float) random.nextGaussian();
        }
        int[][] shifts = {{0, 0}, {3, -2}, {-1, 5}};
        List<FloatImage> frames = new ArrayList<>();
        for (int[] d : shifts) {
            float[] p = new float[n * n];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    p[y * n + x] = base[Math.floorMod(y - d[1], n) * n + Math.floorMod(x - d[0], n)];
                }
            }
            frames.add(new FloatImage(n, n, p));
        }
        FloatImage sum = AlignedSum.sum(frames, new double[] {0, 3, -1}, new double[] {0, -2, 5}, 1.0,
                MotionOptions.defaults());
        for (int i = 0; i < base.length; i++) {
            assertThat(sum.pixels()[i]).as("pixel %d", i).isCloseTo(3 * base[i], within(1e-4f));
        }
    }

    @Test
    void doseWeightingKeepsTheMeanAndDampsLateHighFrequencies() {
        int n = 32;
        List<FloatImage> frames = new ArrayList<>();
        for (int f = 0; f < 4; f++) {
            float[] p = new float[n * n];
            java.util.Arrays.fill(p, 2f);
            frames.add(new FloatImage(n, n, p));
        }
        FloatImage sum = AlignedSum.sum(frames, new double[4], new double[4], 1.0,
                MotionOptions.defaults().withDose(10, true));
        assertThat(sum.pixels()[5]).isCloseTo(8f, within(1e-3f));
    }
}
