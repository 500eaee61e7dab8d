package org.scopeflow.imaging.star;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scopeflow.imaging.ImageFormatException;
import org.scopeflow.imaging.star.StarTokenizer.Token;

/**
 * Parses STAR files as RELION 3.1 writes and reads them: {@code data_<name>} blocks (the name may be
 * empty), {@code _key value} pairs, {@code loop_} tables with {@code _column #n} headers and one row
 * per line, {@code #} comments, values in single or double quotes. Keywords are case-insensitive.
 * Every syntax error is an {@link ImageFormatException} naming the source, the line and the token.
 * Stateless and thread-safe (each call has its own parser).
 */
public final class StarReader {
    private final String source;
    private final StarDocument document = new StarDocument();
    private StarBlock block;
    private List<String> loopColumns;
    private StarLoop loop;
    private int lineNumber;

    private StarReader(String source) {
        this.source = source;
    }

    /** Reads a UTF-8 STAR file. */
    public static StarDocument read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        }
    }

    /** @param source the name used in error messages (a file name, or e.g. "&lt;stdin&gt;") */
    public static StarDocument parse(String source, Reader reader) throws IOException {
        StarReader parser = new StarReader(source);
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            parser.lineNumber++;
            parser.line(StarTokenizer.tokenize(line, source, parser.lineNumber));
        }
        parser.finishLoop();
        return parser.document;
    }

    private void line(List<Token> tokens) throws ImageFormatException {
        if (tokens.isEmpty()) {
            return;
        }
        Token first = tokens.get(0);
        String keyword = first.quoted() ? "" : first.text().toLowerCase(Locale.ROOT);
        if (keyword.startsWith("data_")) {
            onlyToken(tokens, "data_ block header");
            finishLoop();
            block = new StarBlock(checked("block name", first.text(), () -> StarNames.blockName(first.text().substring(5))));
            document.addBlock(block);
        } else if (keyword.equals("loop_")) {
            onlyToken(tokens, "loop_");
            requireBlock(first);
            finishLoop();
            loopColumns = new ArrayList<>();
        } else if (keyword.startsWith("_")) {
            requireBlock(first);
            tag(tokens);
        } else if (keyword.startsWith("save_") || keyword.equals("global_") || keyword.equals("stop_")) {
            throw fail("token", first.text(), "is a STAR keyword RELION does not use and we do not support");
        } else {
            row(tokens);
        }
    }

    private void tag(List<Token> tokens) throws ImageFormatException {
        String text = tokens.get(0).text();
        String name = checked(loopColumns != null && loop == null ? "loop column" : "key", text, () -> StarNames.tag(text));
        if (loopColumns != null && loop == null) {
            onlyToken(tokens, "loop column " + tokens.get(0).text());
            if (loopColumns.contains(name)) {
                throw fail("loop column", text, "appears twice");
            }
            loopColumns.add(name);
            return;
        }
        finishLoop();
        if (tokens.size() != 2) {
            throw fail("key " + tokens.get(0).text(), tokens.size() == 1 ? "(none)" : tokens.get(2).text(),
                    tokens.size() == 1 ? "has no value; write _key value on one line"
                            : "is an extra token; quote values that contain spaces");
        }
        if (block.pairs().containsKey(name)) {
            throw fail("key", text, "appears twice in block " + block.name());
        }
        block.put(name, tokens.get(1).text());
    }

    private void row(List<Token> tokens) throws ImageFormatException {
        if (loopColumns == null) {
            throw fail("value", tokens.get(0).text(), "is outside a loop_ table and not after a _key");
        }
        if (loop == null) {
            if (loopColumns.isEmpty()) {
                throw fail("value", tokens.get(0).text(), "follows loop_ before any _column header");
            }
            loop = new StarLoop(loopColumns);
        }
        if (tokens.size() != loopColumns.size()) {
            throw fail("row " + loop.rowCount() + " of block " + block.name(), tokens.size() + " values",
                    "does not match the " + loopColumns.size() + " columns of the loop");
        }
        loop.addRow(tokens.stream().map(Token::text).toList());
    }

    /** Closes the open loop (a loop with columns and no rows is kept, as RELION writes them). */
    private void finishLoop() {
        if (loopColumns != null && !loopColumns.isEmpty()) {
            block.addLoop(loop != null ? loop : new StarLoop(loopColumns));
        }
        loopColumns = null;
        loop = null;
    }

    /** Runs a model check, turning its IllegalArgumentException into a format error. */
    private <T> T checked(String field, String value, java.util.function.Supplier<T> check) throws ImageFormatException {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw fail(field, value, "is not valid: " + e.getMessage());
        }
    }

    private void requireBlock(Token first) throws ImageFormatException {
        if (block == null) {
            throw fail("token", first.text(), "comes before the first data_ block header");
        }
    }

    private void onlyToken(List<Token> tokens, String what) throws ImageFormatException {
        if (tokens.size() > 1) {
            throw fail(what, tokens.get(1).text(), "is an unexpected extra token; " + what + " stands alone on its line");
        }
    }

    private ImageFormatException fail(String field, String value, String problem) {
        return new ImageFormatException(source, "line " + lineNumber + " " + field,
                "'" + StarTokenizer.abbreviate(value) + "'", problem);
    }
}
