package org.scopeflow.imaging.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.scopeflow.imaging.ctf.CtfParameters;

/**
 * Runs a simulated acquisition session: for each movie draws a defocus, astigmatism and angle, simulates
 * it, writes it progressively (the file grows frame by frame over the exposure), then its sidecar, then
 * its truth file, and waits for the next slot of the acquisition rate. Time comes from the injected
 * {@link Clock} and waiting goes through the {@link Sleeper}, so tests run instantly. Not thread-safe.
 */
public final class AcquisitionRun {
    private final Clock clock;
    private final Sleeper sleeper;
    private final MovieSimulator simulator = new MovieSimulator();
    private final Consumer<String> log;

    /**
     * @param log receives one line per movie written (subject first)
     */
    public AcquisitionRun(Clock clock, Sleeper sleeper, Consumer<String> log) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
    }

    /**
     * @return the paths written, in order
     * @throws IOException naming the file that could not be written
     * @throws InterruptedException when interrupted while waiting
     */
    public List<AcquisitionLayout.MoviePaths> run(AcquisitionPlan plan) throws IOException, InterruptedException {
        Files.createDirectories(plan.outDir());
        SplittableRandom random = new SplittableRandom(plan.seed());
        MovieFileWriter writer = new MovieFileWriter(sleeper);
        List<AcquisitionLayout.MoviePaths> written = new ArrayList<>();
        Duration interval = plan.rate().interval();
        Duration frameInterval = plan.rate().unlimited() ? Duration.ZERO
                : Duration.ofNanos(Math.min((long) (AcquisitionPlan.FRAME_SECONDS * 1e9),
                        interval.toNanos() / 2 / Math.max(1, plan.frames())));
        for (int i = 0; i < plan.movies(); i++) {
            Instant start = clock.instant();
            CtfParameters ctf = drawCtf(plan, random);
            long movieSeed = random.nextLong();
            SimulatedMovie movie = simulator.simulate(plan.movieSpec(ctf), movieSeed);
            ZonedDateTime startedAt = ZonedDateTime.ofInstant(start, clock.getZone());
            AcquisitionLayout.MoviePaths paths = plan.layout().paths(plan.outDir(), i, startedAt, plan.format().extension());
            Files.createDirectories(paths.movie().getParent());
            Files.createDirectories(paths.truth().getParent());
            writer.write(paths.movie(), movie.frames(), plan.format(), plan.pixelSizeAngstrom(), frameInterval);
            writeSidecar(plan, paths, ctf, startedAt);
            TruthFile.write(paths.truth(), paths.movie().getFileName().toString(), movie.truth(), movieSeed);
            written.add(paths);
            log.accept(String.format(java.util.Locale.ROOT, "simulate %s: %d frames, defocus %.0f/%.0f Å at %.1f°, %d particles",
                    paths.movie(), plan.frames(), ctf.defocusUAngstrom(), ctf.defocusVAngstrom(),
                    ctf.astigmatismAngleDegree(), movie.truth().particles().size()));
            Duration left = Duration.between(clock.instant(), start.plus(interval));
            if (i + 1 < plan.movies() && !left.isNegative() && !left.isZero()) {
                sleeper.sleep(left);
            }
        }
        return written;
    }

    private static CtfParameters drawCtf(AcquisitionPlan plan, SplittableRandom random) {
        double meanAngstrom = 1e4 * (plan.defocusMinMicrometer()
                + (plan.defocusMaxMicrometer() - plan.defocusMinMicrometer()) * random.nextDouble());
        double astigmatism = plan.astigmatismMinAngstrom()
                + (plan.astigmatismMaxAngstrom() - plan.astigmatismMinAngstrom()) * random.nextDouble();
        double angle = 180 * random.nextDouble();
        MicroscopeSettings m = plan.microscope();
        return new CtfParameters(m.voltageKilovolt(), m.sphericalAberrationMillimeter(), m.amplitudeContrast(),
                meanAngstrom + astigmatism / 2, meanAngstrom - astigmatism / 2, angle, 0);
    }

    private static void writeSidecar(AcquisitionPlan plan, AcquisitionLayout.MoviePaths paths, CtfParameters ctf,
            ZonedDateTime startedAt) throws IOException {
        if (paths.sidecar() == null) {
            return;
        }
        double nominalMicrometer = Math.round(ctf.meanDefocusAngstrom() / 1000) / 10.0;
        SidecarWriter.Exposure e = new SidecarWriter.Exposure(paths.movie().getFileName().toString(), plan.sizePixel(),
                plan.frames(), plan.pixelSizeAngstrom(), plan.microscope().voltageKilovolt(),
                plan.totalDoseElectronPerAngstrom2(), plan.frames() * AcquisitionPlan.FRAME_SECONDS, nominalMicrometer,
                startedAt);
        if (plan.layout() == AcquisitionLayout.EPU) {
            SidecarWriter.writeEpuXml(paths.sidecar(), e);
        } else {
            SidecarWriter.writeMdoc(paths.sidecar(), e);
        }
    }
}
