package org.scopeflow.pipeline.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scopeflow.imaging.mrc.MrcReader;
import org.scopeflow.imaging.star.StarBlock;
import org.scopeflow.imaging.star.StarReader;
import org.scopeflow.pipeline.exec.Tails;
import org.scopeflow.pipeline.spec.CommandTemplate;

/**
 * What the RELION adapters share. RELION resolves every path relative to its project directory and
 * exits 0 after most failures, so each adapter runs in the job's output directory as the project
 * directory, links its inputs under it, and judges the attempt by the STAR files it should have
 * written; a reason names the file and ends with the tail of the tool's stderr. Stateless.
 */
final class RelionProject {
    private static final int STDERR_TAIL_BYTES = 600;

    private RelionProject() {
    }

    /** A numeric parameter, or {@code fallback} when absent; throws naming the key when not a number. */
    static double number(Map<String, Object> params, String key, double fallback) {
        Object v = params.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameters." + key + " is '" + v + "', not a number");
    }

    /** A whole-number parameter at least {@code min}; throws naming the key and value otherwise. */
    static int whole(Map<String, Object> params, String key, int fallback, int min) {
        double v = number(params, key, fallback);
        if (v != Math.rint(v) || v < min) {
            throw new IllegalArgumentException("parameters." + key + " is " + v + "; expected a whole number ≥ " + min);
        }
        return (int) v;
    }

    /** A yes/no parameter; throws naming the key when not a boolean. */
    static boolean flag(Map<String, Object> params, String key, boolean fallback) {
        Object v = params.getOrDefault(key, fallback);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameters." + key + " is '" + v + "'; expected true or false");
    }

    /** {@code parameters.pixel_size_angstrom}, else the pixel size in the MRC header of {@code image}. */
    static double pixelSize(Map<String, Object> params, Path image) {
        if (params.containsKey("pixel_size_angstrom")) {
            return number(params, "pixel_size_angstrom", 0);
        }
        if (!image.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.mrcs?")) {
            throw new IllegalArgumentException(image.getFileName() + " has no MRC header to take the pixel size from; "
                    + "give parameters.pixel_size_angstrom");
        }
        try {
            return MrcReader.readHeader(image).pixelSizeAngstrom();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the MRC header of " + image + ": " + e.getMessage()
                    + "; give parameters.pixel_size_angstrom", e);
        }
    }

    /** The first input whose name ends with one of the suffixes (lower case), or a reason naming what was given. */
    static Path firstInput(StepContext c, String tool, List<String> suffixes) {
        return c.inputs().stream().filter(p -> hasSuffix(p, suffixes)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("step " + c.step().id() + ": " + tool + " needs a "
                        + String.join(" or ", suffixes) + " file among its inputs, got " + c.inputs()));
    }

    static boolean hasSuffix(Path p, List<String> suffixes) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return suffixes.stream().anyMatch(name::endsWith);
    }

    /** The file name without its last extension. */
    static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * The program a job runs: {@code tool} itself, or with {@code resources.mpi_ranks} above 1 its MPI build
     * ({@code tool_mpi}, which every RELION program the adapters use has) under {@code mpirun -n RANKS}: inside a
     * Slurm job mpirun starts the ranks on the job's allocation ({@code --ntasks}), locally on this machine.
     */
    static String program(StepContext c, String tool) {
        int ranks = c.step().resources().mpiRanks();
        return ranks > 1 ? "mpirun -n " + ranks + " " + programName(c, tool) : tool;
    }

    /** The program's name as provenance records it: {@code tool} or {@code tool_mpi}. */
    static String programName(StepContext c, String tool) {
        return c.step().resources().mpiRanks() > 1 ? tool + "_mpi" : tool;
    }

    /** Shell words that link {@code target} as {@code link} (relative to the project directory), creating its directory. */
    static String link(Path target, String link) {
        String dir = link.contains("/") ? link.substring(0, link.lastIndexOf('/')) : ".";
        return "mkdir -p " + CommandTemplate.quote(dir) + " && ln -sf " + CommandTemplate.quote(target.toString()) + " "
                + CommandTemplate.quote(link);
    }

    /** Shell words writing a RELION 3.1 micrographs STAR (one optics group) to {@code file}. */
    static String micrographsStar(Optics optics, String listBlock, String nameColumn, List<String> names, String file) {
        StringBuilder s = new StringBuilder("\ndata_optics\n\nloop_\n_rlnOpticsGroupName #1\n_rlnOpticsGroup #2\n")
                .append(optics.pixelColumn()).append(" #3\n_rlnVoltage #4\n_rlnSphericalAberration #5\n_rlnAmplitudeContrast #6\n")
                .append(String.format(Locale.ROOT, "opticsGroup1 1 %s %s %s %s%n", optics.pixelSizeAngstrom(), optics.voltageKv(),
                        optics.csMm(), optics.amplitudeContrast()))
                .append("\ndata_").append(listBlock).append("\n\nloop_\n").append(nameColumn).append(" #1\n_rlnOpticsGroup #2\n");
        names.forEach(n -> s.append(n).append(" 1\n"));
        return "printf '%s' " + CommandTemplate.quote(s.toString()) + " > " + CommandTemplate.quote(file);
    }

    /**
     * The optics group of a RELION 3.1 STAR file.
     *
     * @param pixelColumn {@code _rlnMicrographOriginalPixelSize} for movies, {@code _rlnMicrographPixelSize} for micrographs
     */
    record Optics(String pixelColumn, double pixelSizeAngstrom, double voltageKv, double csMm, double amplitudeContrast) {
        static Optics of(String pixelColumn, double pixelSizeAngstrom, Map<String, Object> params) {
            return new Optics(pixelColumn, pixelSizeAngstrom, number(params, "voltage_kv", 300), number(params, "cs_mm", 2.7),
                    number(params, "amplitude_contrast", 0.1));
        }
    }

    /**
     * The named block of a STAR file the tool should have written, or a problem: the file is missing,
     * unreadable, lacks the block, or the block has no rows. Problems end with the tool's stderr tail.
     */
    static Result<StarBlock> requireRows(StepContext c, String tool, Path star, String block) {
        if (!Files.isRegularFile(star)) {
            return Result.problem(tool + " wrote no " + star + stderrTail(c));
        }
        try {
            Optional<StarBlock> b = StarReader.read(star).block(block);
            if (b.isEmpty() || b.get().rowCount() == 0) {
                return Result.problem(tool + " wrote " + star + " without rows in data_" + block + stderrTail(c));
            }
            return Result.of(b.get());
        } catch (IOException | IllegalArgumentException e) {
            return Result.problem("cannot read " + star + ": " + e.getMessage() + stderrTail(c));
        }
    }

    /** The last lines of the attempt's stderr as {@code "; stderr: …"}, or "" when it wrote none. */
    static String stderrTail(StepContext c) {
        Path err = c.outputDir().resolve(OutputCheck.ENGINE_DIR).resolve("stderr.log");
        String tail = Tails.of(err, STDERR_TAIL_BYTES).strip();
        return tail.isEmpty() ? "" : "; stderr: " + tail.replaceAll("\\s*\\n\\s*", " | ");
    }

    /** A value or the reason there is none. */
    record Result<T>(T value, String problem) {
        static <T> Result<T> of(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> problem(String problem) {
            return new Result<>(null, problem);
        }

        List<String> problems() {
            return problem == null ? List.of() : List.of(problem);
        }

        /** The value; throws {@link IllegalArgumentException} with the problem when there is none. */
        T orThrow() {
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            return value;
        }
    }
}
