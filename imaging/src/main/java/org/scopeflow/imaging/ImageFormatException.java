package org.scopeflow.imaging;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file (MRC, TIFF, STAR) is corrupt, truncated, or uses a feature we do not support. Thrown by
 * every reader in this module instead of a runtime exception, so a hostile or damaged file never
 * surfaces as {@code ArrayIndexOutOfBoundsException}, {@code NegativeArraySizeException} or an
 * out-of-memory error.
 *
 * <p>It is a checked {@link IOException}: callers that already handle I/O failures handle this too.
 * The message always has the shape {@code <source>: <field> = <value> <problem>}, e.g.
 * {@code /x/a.mrc: header field mode = 5 is not a supported MRC mode; expected 0, 1, 2, 6 or 12}.
 */
public class ImageFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String field;
    private final String value;

    /**
     * @param source  the file (or other named input) that is wrong
     * @param field   what part of it is wrong ("header field mode", "line 12", "IFD 3 tag ImageWidth")
     * @param value   the offending value as found in the file
     * @param problem why the value is wrong and, where possible, what is expected
     */
    public ImageFormatException(String source, String field, Object value, String problem) {
        super(Objects.requireNonNull(source, "source") + ": " + field + " = " + value + " " + problem);
        this.source = source;
        this.field = field;
        this.value = String.valueOf(value);
    }

    /** Same as {@link #ImageFormatException(String, String, Object, String)} naming a file. */
    public ImageFormatException(Path file, String field, Object value, String problem) {
        this(String.valueOf(file), field, value, problem);
    }

    /** Same, keeping the low-level cause (e.g. a decoder error). */
    public ImageFormatException(Path file, String field, Object value, String problem, Throwable cause) {
        this(String.valueOf(file), field, value, problem);
        initCause(cause);
    }

    /** The file path or source name the error is about. */
    public String source() {
        return source;
    }

    /** The header field, tag, line or other part of the file that is wrong. */
    public String field() {
        return field;
    }

    /** The offending value, as text. */
    public String value() {
        return value;
    }
}
