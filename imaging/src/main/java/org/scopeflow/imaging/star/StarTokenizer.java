package org.scopeflow.imaging.star;

import java.util.ArrayList;
import java.util.List;

import org.scopeflow.imaging.ImageFormatException;

/**
 * Splits one STAR line into tokens. Whitespace is space or tab; {@code #} at the start of a token
 * begins a comment; a token starting with {@code '} or {@code "} is quoted and ends at the same
 * quote followed by whitespace or the end of the line (the STAR/CIF rule, so quotes inside a value
 * need no escaping).
 */
final class StarTokenizer {
    /** A token and whether it was quoted (a quoted token is always a value, never a keyword). */
    record Token(String text, boolean quoted) {
    }

    private StarTokenizer() {
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    static List<Token> tokenize(String line, String source, int lineNumber) throws ImageFormatException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '\'' || c == '"') {
                int end = closingQuote(line, i);
                if (end < 0) {
                    throw new ImageFormatException(source, "line " + lineNumber + " column " + (i + 1),
                            "'" + abbreviate(line.substring(i)) + "'", "starts a quoted value with " + c
                                    + " that is never closed (a closing quote must be followed by a space or the line end)");
                }
                tokens.add(new Token(line.substring(i + 1, end), true));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !isSpace(line.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(line.substring(start, i), false));
            }
        }
        return tokens;
    }

    private static int closingQuote(String line, int open) {
        char quote = line.charAt(open);
        for (int j = open + 1; j < line.length(); j++) {
            if (line.charAt(j) == quote && (j + 1 == line.length() || isSpace(line.charAt(j + 1)))) {
                return j;
            }
        }
        return -1;
    }

    static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
