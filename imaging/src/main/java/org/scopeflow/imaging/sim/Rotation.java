package org.scopeflow.imaging.sim;

import java.util.SplittableRandom;

/** A 3-D rotation (row-major 3×3 matrix). Immutable. */
public final class Rotation {
    private final double[] m;

    private Rotation(double[] m) {
        this.m = m;
    }

    /** A rotation drawn uniformly over SO(3) (from a uniform unit quaternion). */
    public static Rotation random(SplittableRandom random) {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble() * 2 * Math.PI;
        double u3 = random.nextDouble() * 2 * Math.PI;
        double a = Math.sqrt(1 - u1);
        double b = Math.sqrt(u1);
        double w = a * Math.sin(u2);
        double x = a * Math.cos(u2);
        double y = b * Math.sin(u3);
        double z = b * Math.cos(u3);
        return new Rotation(new double[] {
            1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w),
            2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)
        });
    }

    /** A unit vector drawn uniformly on the sphere. */
    static double[] randomUnitVector(SplittableRandom random) {
        double z = 2 * random.nextDouble() - 1;
        double phi = 2 * Math.PI * random.nextDouble();
        double r = Math.sqrt(1 - z * z);
        return new double[] {r * Math.cos(phi), r * Math.sin(phi), z};
    }

    public double[] apply(double x, double y, double z) {
        return new double[] {
            m[0] * x + m[1] * y + m[2] * z,
            m[3] * x + m[4] * y + m[5] * z,
            m[6] * x + m[7] * y + m[8] * z
        };
    }
}
