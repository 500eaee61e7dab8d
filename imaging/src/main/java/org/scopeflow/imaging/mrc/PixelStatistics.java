package org.scopeflow.imaging.mrc;

/**
 * Running min / max / mean / standard deviation over many sections. Each section is summed around
 * its first value (shifted data, so large means do not cancel), then merged with Chan's formula.
 */
final class PixelStatistics {
    private long count;
    private double mean;
    private double m2;
    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;

    private long sectionCount;
    private double shift;
    private double sectionSum;
    private double sectionSumSquares;

    void startSection(float first) {
        sectionCount = 0;
        shift = first;
        sectionSum = 0;
        sectionSumSquares = 0;
    }

    void add(float value) {
        double d = value - shift;
        sectionSum += d;
        sectionSumSquares += d * d;
        sectionCount++;
        if (value < min) {
            min = value;
        }
        if (value > max) {
            max = value;
        }
        if (Float.isNaN(value)) {
            min = Float.NaN;
            max = Float.NaN;
        }
    }

    /** As {@link #add} for {@code values[from…to)}. */
    void addAll(float[] values, int from, int to) {
        // Accumulated in the same order as add(), so the sums are the same to the last bit.
        double sum = sectionSum;
        double squares = sectionSumSquares;
        float lo = min;
        float hi = max;
        boolean nan = false;
        for (int i = from; i < to; i++) {
            float value = values[i];
            double d = value - shift;
            sum += d;
            squares += d * d;
            lo = value < lo ? value : lo;
            hi = value > hi ? value : hi;
            nan |= value != value;
        }
        sectionSum = sum;
        sectionSumSquares = squares;
        sectionCount += to - from;
        min = nan || Float.isNaN(min) ? Float.NaN : lo;
        max = nan || Float.isNaN(max) ? Float.NaN : hi;
    }

    void endSection() {
        if (sectionCount == 0) {
            return;
        }
        double sectionMean = shift + sectionSum / sectionCount;
        double sectionM2 = sectionSumSquares - sectionSum * sectionSum / sectionCount;
        long total = count + sectionCount;
        double delta = sectionMean - mean;
        mean += delta * sectionCount / total;
        m2 += Math.max(0, sectionM2) + delta * delta * ((double) count * sectionCount / total);
        count = total;
    }

    float min() {
        return count == 0 ? 0 : min;
    }

    float max() {
        return count == 0 ? 0 : max;
    }

    float mean() {
        return (float) mean;
    }

    /** Population standard deviation (numpy's {@code std()}, what MRC calls rms). */
    float rms() {
        return count == 0 ? 0 : (float) Math.sqrt(m2 / count);
    }
}
