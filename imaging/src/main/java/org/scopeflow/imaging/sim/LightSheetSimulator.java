package org.scopeflow.imaging.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.scopeflow.imaging.image.FloatImage;

/**
 * Simulated light-sheet microscope: fluorescent beads (diffraction-limited, elongated along z:
 * σxy 1.2 px, σz 3 px) and a few dim cell-sized blobs that drift slowly between timepoints, on a
 * camera background of 100 counts with a gentle illumination gradient, Poisson shot noise and 1.5
 * counts of read noise, clipped to 16 bits. Writes {@code tp<t>_view<v>.tif} (16-bit LZW, one page
 * per slice) progressively, one stack per slot of the rate. Deterministic for a seed; not thread-safe.
 */
public final class LightSheetSimulator {
    private static final double SIGMA_XY = 1.2;
    private static final double SIGMA_Z = 3.0;
    private static final double BACKGROUND = 100;

    private record Emitter(double x, double y, double z, double sigmaXy, double sigmaZ, double peak) {}

    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> log;

    public LightSheetSimulator(Clock clock, Sleeper sleeper, Consumer<String> log) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    /** @return the stacks written, in order */
    public List<Path> run(LightSheetPlan plan) throws IOException, InterruptedException {
        Files.createDirectories(plan.outDir());
        SplittableRandom random = new SplittableRandom(plan.seed());
        List<Emitter> specimen = specimen(plan, random);
        MovieFileWriter writer = new MovieFileWriter(sleeper);
        List<Path> written = new ArrayList<>();
        double driftX = 0.3 * random.nextDouble();
        double driftY = 0.3 * random.nextDouble();
        for (int t = 0; t < plan.timepoints(); t++) {
            for (int v = 0; v < plan.views(); v++) {
                Instant start = clock.instant();
                double angle = Math.PI * v / plan.views();
                List<FloatImage> stack = render(plan, specimen, angle, t * driftX, t * driftY, random.split());
                Path file = plan.outDir().resolve(String.format(Locale.ROOT, "tp%05d_view%d.tif", t, v));
                Duration slice = plan.rate().unlimited() ? Duration.ZERO : plan.rate().interval().dividedBy(2L * stack.size());
                writer.write(file, stack, MovieFormat.TIFF, 1.0, slice);
                written.add(file);
                log.accept("simulate " + file + ": " + stack.size() + " slices of " + plan.sizePixel() + "² px");
                Duration left = Duration.between(clock.instant(), start.plus(plan.rate().interval()));
                if (!left.isNegative() && !left.isZero()) {
                    sleeper.sleep(left);
                }
            }
        }
        return written;
    }

    /** Renders one stack: the specimen turned by {@code angle} about y and shifted by (dx, dy) px. */
    static List<FloatImage> render(LightSheetPlan plan, List<Emitter> specimen, double angle, double dx, double dy,
            SplittableRandom random) {
        int n = plan.sizePixel();
        int depth = plan.depthSlices();
        float[][] slices = new float[depth][n * n];
        double cx = n / 2.0;
        double cz = depth / 2.0;
        double zScale = (double) depth / n;
        for (Emitter e : specimen) {
            double rx = (e.x() - cx) * Math.cos(angle) + (e.z() - cz) / zScale * Math.sin(angle);
            double rz = -(e.x() - cx) * Math.sin(angle) * zScale + (e.z() - cz) * Math.cos(angle);
            draw(slices, n, depth, new Emitter(cx + rx + dx, e.y() + dy, cz + rz, e.sigmaXy(), e.sigmaZ(), e.peak()));
        }
        PoissonSampler poisson = new PoissonSampler(random);
        List<FloatImage> out = new ArrayList<>(depth);
        for (int z = 0; z < depth; z++) {
            float[] p = slices[z];
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    double mean = BACKGROUND * (0.9 + 0.2 * x / n) + p[y * n + x];
                    double value = poisson.sample(mean) + 1.5 * gaussian(random);
                    p[y * n + x] = (float) Math.max(0, Math.min(65535, Math.rint(value)));
                }
            }
            out.add(new FloatImage(n, n, p));
        }
        return out;
    }

    private static List<Emitter> specimen(LightSheetPlan plan, SplittableRandom random) {
        List<Emitter> out = new ArrayList<>();
        int n = plan.sizePixel();
        for (int i = 0; i < plan.beads(); i++) {
            out.add(new Emitter(n * random.nextDouble(), n * random.nextDouble(), plan.depthSlices() * random.nextDouble(),
                    SIGMA_XY, SIGMA_Z, 300 + 1500 * random.nextDouble()));
        }
        for (int i = 0; i < Math.max(1, plan.beads() / 20); i++) {
            out.add(new Emitter(n * random.nextDouble(), n * random.nextDouble(), plan.depthSlices() * random.nextDouble(),
                    6 + 6 * random.nextDouble(), 8, 40 + 60 * random.nextDouble()));
        }
        return out;
    }

    private static void draw(float[][] slices, int n, int depth, Emitter e) {
        int x0 = Math.max(0, (int) Math.floor(e.x() - 4 * e.sigmaXy()));
        int x1 = Math.min(n - 1, (int) Math.ceil(e.x() + 4 * e.sigmaXy()));
        int y0 = Math.max(0, (int) Math.floor(e.y() - 4 * e.sigmaXy()));
        int y1 = Math.min(n - 1, (int) Math.ceil(e.y() + 4 * e.sigmaXy()));
        int z0 = Math.max(0, (int) Math.floor(e.z() - 4 * e.sigmaZ()));
        int z1 = Math.min(depth - 1, (int) Math.ceil(e.z() + 4 * e.sigmaZ()));
        for (int z = z0; z <= z1; z++) {
            double fz = e.peak() * Math.exp(-sq(z - e.z()) / (2 * sq(e.sigmaZ())));
            for (int y = y0; y <= y1; y++) {
                double fy = fz * Math.exp(-sq(y - e.y()) / (2 * sq(e.sigmaXy())));
                for (int x = x0; x <= x1; x++) {
                    slices[z][y * n + x] += (float) (fy * Math.exp(-sq(x - e.x()) / (2 * sq(e.sigmaXy()))));
                }
            }
        }
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static double sq(double v) {
        return v * v;
    }
}
