package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The shared shape of {@code scopeflow qc <processor> FILES…}: every file is processed; a file that
 * fails is reported with its reason and the others go on; output is one line per file, or one JSON
 * document with {@code results} and {@code failures}. Exit 0 when all succeeded, 1 when some failed.
 */
abstract class QcFileCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILES", description = "Images or movies: .mrc, .mrcs, .tif, .tiff.")
    List<Path> files;

    @Option(names = "--json", description = "Print one JSON document with snake_case fields carrying units.")
    boolean json;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR",
            description = "Directory for the images and files written (default: the current directory).")
    Path out;

    @Option(names = "--pixel-size", defaultValue = "0", paramLabel = "Å",
            description = "Pixel size in Å; 0 = read it from the MRC header (TIFF files need it) (default: ${DEFAULT-VALUE}).")
    double pixelSizeAngstrom;

    /** Processes one file into a result node (with its "file" field set by the caller). */
    abstract ObjectNode process(Path file) throws IOException;

    /** One human-readable line for a result. */
    abstract String describe(ObjectNode result);

    @Override
    public Integer call() throws IOException {
        validate();
        Files.createDirectories(out);
        ArrayNode results = JSON.createArrayNode();
        ArrayNode failures = JSON.createArrayNode();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        for (Path file : files) {
            long start = System.nanoTime();
            try {
                ObjectNode result = JSON.createObjectNode().put("file", file.toString());
                result.setAll(process(file));
                result.put("elapsed_seconds", (System.nanoTime() - start) / 1e9);
                results.add(result);
                if (!json) {
                    stdout.println(file + ": " + describe(result));
                    stdout.flush();
                }
            } catch (IOException | IllegalArgumentException | IllegalStateException e) {
                failures.addObject().put("file", file.toString()).put("reason", e.getMessage());
                if (!json) {
                    stderr.println("qc " + spec.name() + " " + file + ": " + e.getMessage());
                    stderr.flush();
                }
            }
        }
        if (json) {
            ObjectNode doc = JSON.createObjectNode();
            doc.set("results", results);
            doc.set("failures", failures);
            stdout.println(doc.toPrettyString());
            stdout.flush();
        }
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Checks option values before any file is read; throws IllegalArgumentException (exit 2). */
    void validate() {
        if (pixelSizeAngstrom < 0) {
            throw new IllegalArgumentException("--pixel-size " + pixelSizeAngstrom + " Å must be ≥ 0");
        }
    }

    Path output(Path input, String suffix) {
        return out.resolve(QcInputs.baseName(input) + suffix);
    }
}
