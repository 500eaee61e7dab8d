package org.scopeflow.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.scopeflow.imaging.sim.AcquisitionLayout;
import org.scopeflow.imaging.sim.AcquisitionPlan;
import org.scopeflow.imaging.sim.AcquisitionRate;
import org.scopeflow.imaging.sim.AcquisitionRun;
import org.scopeflow.imaging.sim.LightSheetPlan;
import org.scopeflow.imaging.sim.LightSheetSimulator;
import org.scopeflow.imaging.sim.MicroscopeSettings;
import org.scopeflow.imaging.sim.MovieFormat;
import org.scopeflow.imaging.sim.Sleeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scopeflow simulate}: a simulated microscope writing movies (or light-sheet stacks) with known truth. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes simulated cryo-EM movies (thin specimen of projected blob particles, CTF, smooth drift, "
                + "Poisson noise) the way an instrument does: at the given rate, each file growing frame by frame, then "
                + "its metadata sidecar (EPU .xml or SerialEM .mdoc), plus a truth file per movie in DIR/truth/.",
                "With --mode light-sheet writes 16-bit TIFF stacks per timepoint and view instead.",
                "Exit codes: 0 done, 1 a file could not be written, 2 bad usage."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Session directory to write into (created when missing).")
    Path out;

    @Option(names = "--movies", defaultValue = "10", paramLabel = "N",
            description = "Movies to write (light-sheet: timepoints) (default: ${DEFAULT-VALUE}).")
    int movies;

    @Option(names = "--frames", defaultValue = "16", paramLabel = "N", description = "Frames per movie (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--size", defaultValue = "1024", paramLabel = "PX", description = "Frame width and height in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--pixel-size", defaultValue = "1.0", paramLabel = "Å", description = "Pixel size in Å (default: ${DEFAULT-VALUE}).")
    double pixelSizeAngstrom;

    @Option(names = "--defocus", defaultValue = "0.8:3.5", paramLabel = "µM:µM",
            description = "Range of the mean defocus drawn per movie, in µm, underfocus positive (default: ${DEFAULT-VALUE}).")
    String defocus;

    @Option(names = "--astigmatism", defaultValue = "0:800", paramLabel = "Å:Å",
            description = "Range of |dU − dV| drawn per movie, in Å (default: ${DEFAULT-VALUE}).")
    String astigmatism;

    @Option(names = "--dose", defaultValue = "40", paramLabel = "E/Å²",
            description = "Total dose per movie in e⁻/Å², split evenly over the frames (default: ${DEFAULT-VALUE}).")
    double dose;

    @Option(names = "--rate", defaultValue = "6/min", paramLabel = "RATE",
            description = "Acquisition rate: N/min, N/h, N/s; 0 or max = as fast as possible (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--layout", defaultValue = "epu", paramLabel = "LAYOUT",
            description = "epu, serialem or flat (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--format", defaultValue = "tiff", paramLabel = "FORMAT",
            description = "mrc (float32 counts) or tiff (16-bit LZW) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed; same seed, same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--particle-diameter", defaultValue = "150", paramLabel = "Å",
            description = "Particle diameter in Å (default: ${DEFAULT-VALUE}).")
    double particleDiameterAngstrom;

    @Option(names = "--coverage", defaultValue = "0.25", paramLabel = "FRACTION",
            description = "Fraction of the area covered by particles, (0, 0.5] (default: ${DEFAULT-VALUE}).")
    double coverage;

    @Option(names = "--mode", defaultValue = "cryo-em", paramLabel = "MODE",
            description = "cryo-em or light-sheet (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--views", defaultValue = "2", paramLabel = "N", description = "Light-sheet: views per timepoint (default: ${DEFAULT-VALUE}).")
    int views;

    @Option(names = "--depth", defaultValue = "64", paramLabel = "SLICES", description = "Light-sheet: slices per stack (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--beads", defaultValue = "200", paramLabel = "N", description = "Light-sheet: fluorescent beads (default: ${DEFAULT-VALUE}).")
    int beads;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        AcquisitionRate acquisitionRate = AcquisitionRate.parse(rate);
        Clock clock = Clock.systemUTC();
        if (mode.equalsIgnoreCase("light-sheet")) {
            LightSheetPlan plan = new LightSheetPlan(out, movies, views, size, depth, beads, acquisitionRate, seed);
            List<Path> written = new LightSheetSimulator(clock, Sleeper.system(), line -> println(stdout, line)).run(plan);
            println(stdout, "simulate: " + written.size() + " stacks written to " + out);
            return ExitCodes.OK;
        }
        if (!mode.equalsIgnoreCase("cryo-em")) {
            throw new IllegalArgumentException("--mode '" + mode + "' is not one of cryo-em, light-sheet");
        }
        RangeOption defocusRange = RangeOption.parse("--defocus", defocus);
        RangeOption astigmatismRange = RangeOption.parse("--astigmatism", astigmatism);
        AcquisitionPlan plan = new AcquisitionPlan(out, movies, size, frames, pixelSizeAngstrom, dose,
                defocusRange.low(), defocusRange.high(), astigmatismRange.low(), astigmatismRange.high(),
                particleDiameterAngstrom, coverage, MicroscopeSettings.krios(), acquisitionRate,
                AcquisitionLayout.parse(layout), MovieFormat.parse(format), seed);
        plan.movieSpec(org.scopeflow.imaging.ctf.CtfParameters.at300kV(defocusRange.low() * 1e4, defocusRange.low() * 1e4, 0));
        var written = new AcquisitionRun(clock, Sleeper.system(), line -> println(stdout, line)).run(plan);
        println(stdout, "simulate: " + written.size() + " movies written to " + out + " (truth in " + out.resolve("truth") + ")");
        return ExitCodes.OK;
    }

    private static void println(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
