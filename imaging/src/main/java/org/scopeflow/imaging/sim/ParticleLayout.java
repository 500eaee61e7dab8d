package org.scopeflow.imaging.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Places particles at random, non-overlapping positions away from the edges. Stateless. */
final class ParticleLayout {
    private ParticleLayout() {}

    /**
     * Positions (px) of about {@code coverage·area / (π·r²)} particles of diameter
     * {@code diameterPixel}, each at least one diameter from every other and half a diameter plus
     * 16 px from the edges; fewer when the area is too crowded to place them all.
     */
    static List<MovieTruth.Particle> place(int sizePixel, double diameterPixel, double coverage, SplittableRandom random) {
        double radius = diameterPixel / 2;
        double margin = radius + 16;
        double usable = sizePixel - 2 * margin;
        int wanted = (int) Math.round(coverage * usable * usable / (Math.PI * radius * radius));
        List<MovieTruth.Particle> placed = new ArrayList<>(wanted);
        double minDistance2 = diameterPixel * diameterPixel;
        for (int attempt = 0; attempt < 200 * Math.max(1, wanted) && placed.size() < wanted; attempt++) {
            double x = margin + usable * random.nextDouble();
            double y = margin + usable * random.nextDouble();
            if (isFree(placed, x, y, minDistance2)) {
                placed.add(new MovieTruth.Particle(x, y));
            }
        }
        return placed;
    }

    private static boolean isFree(List<MovieTruth.Particle> placed, double x, double y, double minDistance2) {
        for (MovieTruth.Particle p : placed) {
            double dx = p.xPixel() - x;
            double dy = p.yPixel() - y;
            if (dx * dx + dy * dy < minDistance2) {
                return false;
            }
        }
        return true;
    }
}
