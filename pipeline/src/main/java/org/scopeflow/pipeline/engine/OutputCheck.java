package org.scopeflow.pipeline.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Judges an attempt by what it left behind, not only by its exit code (RELION tools exit 0 after
 * failing and leave empty STAR files): every declared output pattern must match at least one
 * non-empty file, and every matched {@code .star} file must have at least one table row.
 */
public final class OutputCheck {
    /** Directory inside each output directory that holds the engine's own files (logs, scripts). */
    public static final String ENGINE_DIR = ".scopeflow";

    private OutputCheck() {
    }

    /** Problems with the declared outputs; empty when all are present and usable. */
    public static List<String> problems(Path outputDir, List<String> patterns) {
        List<String> problems = new ArrayList<>();
        List<Path> files = files(outputDir);
        for (String pattern : patterns) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<Path> matched = files.stream().filter(f -> m.matches(outputDir.relativize(f))).toList();
            if (matched.isEmpty()) {
                problems.add("declared output '" + pattern + "' is missing in " + outputDir);
                continue;
            }
            for (Path f : matched) {
                problems.addAll(fileProblems(f));
            }
        }
        return problems;
    }

    private static List<String> fileProblems(Path f) {
        try {
            if (Files.size(f) == 0) {
                return List.of("output " + f + " is empty (0 bytes)");
            }
            if (f.getFileName().toString().endsWith(".star") && starRows(f) == 0) {
                return List.of("STAR output " + f + " has no data rows");
            }
            return List.of();
        } catch (IOException e) {
            return List.of("output " + f + " cannot be read: " + e.getMessage());
        }
    }

    /** Regular files the attempt wrote, without the engine's own directory, sorted. */
    public static List<Path> files(Path outputDir) {
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(outputDir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !outputDir.relativize(p).startsWith(ENGINE_DIR)).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list outputs in " + outputDir + ": " + e.getMessage(), e);
        }
    }

    /** Rows of all {@code loop_} tables of a STAR file. */
    public static long starRows(Path star) throws IOException {
        long rows = 0;
        boolean inLoop = false;
        try (BufferedReader r = Files.newBufferedReader(star, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("data_")) {
                    inLoop = false;
                } else if (t.equals("loop_")) {
                    inLoop = true;
                } else if (inLoop && !t.startsWith("_")) {
                    rows++;
                }
            }
        }
        return rows;
    }
}
