package org.scopeflow.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
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
    /** Builds the result nodes (only the node classes load for it; {@link JsonText} prints them). */
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

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
        ArrayNode results = JSON.arrayNode();
        ArrayNode failures = JSON.arrayNode();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        beforeFiles();
        int inFlight = Math.max(1, Math.min(files.size(), filesInFlight()));
        ExecutorService workers = inFlight > 1 ? Executors.newFixedThreadPool(inFlight, daemonThreads()) : null;
        try {
            List<Future<Outcome>> pending = new ArrayList<>();
            if (workers != null) {
                for (Path file : files) {
                    pending.add(workers.submit(() -> run(file)));
                }
            }
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                Outcome o = workers != null ? await(pending.get(i)) : run(file);
                if (o.result() != null) {
                    results.add(o.result());
                    if (!json) {
                        stdout.println(file + ": " + describe(o.result()));
                        stdout.flush();
                    }
                } else {
                    failures.addObject().put("file", file.toString()).put("reason", o.reason());
                    if (!json) {
                        stderr.println("qc " + spec.name() + " " + file + ": " + o.reason());
                        stderr.flush();
                    }
                }
            }
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
        if (json) {
            ObjectNode doc = JSON.objectNode();
            doc.set("results", results);
            doc.set("failures", failures);
            stdout.println(JsonText.pretty(doc));
            stdout.flush();
        }
        return failures.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** Runs once before the first file is processed (default: nothing). */
    void beforeFiles() {
    }

    /**
     * How many files to process at once (default 1). Processors whose work per file has serial parts
     * (reading, writing) keep both cores busy by overlapping two files when memory allows.
     */
    int filesInFlight() {
        return 1;
    }

    /** A processed file: its result, or the reason it failed. */
    private record Outcome(ObjectNode result, String reason) {}

    private Outcome run(Path file) {
        long start = System.nanoTime();
        try {
            ObjectNode processed = process(file);
            ObjectNode result = JSON.objectNode().put("file", file.toString());
            result.setAll(processed);
            result.put("elapsed_seconds", (System.nanoTime() - start) / 1e9);
            return new Outcome(result, null);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** The outcome of a file; a bug (any other exception) is rethrown as it was thrown. */
    private static Outcome await(Future<Outcome> outcome) {
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a file to be processed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        return task -> {
            Thread t = new Thread(task, "qc-file");
            t.setDaemon(true);
            return t;
        };
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
