package org.scopeflow.imaging.star;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes STAR files in RELION 3.1 layout ({@code # version 30001} before each block, pairs then
 * loops, {@code _column #n} headers). Values are written bare when they can be, otherwise in double
 * quotes, or single quotes when the value holds a double quote followed by whitespace. Writes in
 * place (callers that need atomic publication use a temporary name and rename). Stateless.
 */
public final class StarWriter {
    private static final List<String> RESERVED_PREFIXES = List.of("data_", "loop_", "save_", "global_", "stop_");

    private StarWriter() {
    }

    /**
     * @throws IllegalArgumentException when a value cannot be written (it holds both {@code '} and
     *                                  {@code "} followed by whitespace)
     */
    public static void write(Path file, StarDocument document) throws IOException {
        String text = toString(document);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(text);
        }
    }

    /** The document as STAR text. @throws IllegalArgumentException as {@link #write} */
    public static String toString(StarDocument document) {
        StringBuilder out = new StringBuilder();
        for (StarBlock block : document.blocks()) {
            out.append("\n# version 30001\n\ndata_").append(block.name()).append("\n\n");
            for (Map.Entry<String, String> pair : block.pairs().entrySet()) {
                out.append('_').append(pair.getKey()).append(' ').append(quote(pair.getValue())).append('\n');
            }
            if (!block.pairs().isEmpty()) {
                out.append('\n');
            }
            for (StarLoop loop : block.loops()) {
                appendLoop(out, loop);
            }
        }
        return out.toString();
    }

    private static void appendLoop(StringBuilder out, StarLoop loop) {
        out.append("loop_\n");
        List<String> columns = loop.columns();
        for (int i = 0; i < columns.size(); i++) {
            out.append('_').append(columns.get(i)).append(" #").append(i + 1).append('\n');
        }
        for (List<String> row : loop.rows()) {
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : " ").append(quote(row.get(i)));
            }
            out.append('\n');
        }
        out.append('\n');
    }

    /** The value as one STAR token. */
    static String quote(String value) {
        if (!needsQuotes(value)) {
            return value;
        }
        if (!closesEarly(value, '"')) {
            return '"' + value + '"';
        }
        if (!closesEarly(value, '\'')) {
            return '\'' + value + '\'';
        }
        throw new IllegalArgumentException("STAR value '" + value + "' contains both ' and \" followed by "
                + "whitespace and cannot be written as one STAR token; replace one of the quotes");
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        char first = value.charAt(0);
        if (first == '_' || first == '#' || first == '\'' || first == '"') {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (StarTokenizer.isSpace(value.charAt(i))) {
                return true;
            }
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return RESERVED_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    /** Whether the quote char appears followed by whitespace, which would end the token early. */
    private static boolean closesEarly(String value, char quote) {
        for (int i = 0; i + 1 < value.length(); i++) {
            if (value.charAt(i) == quote && StarTokenizer.isSpace(value.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }
}
