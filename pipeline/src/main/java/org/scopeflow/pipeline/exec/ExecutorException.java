package org.scopeflow.pipeline.exec;

/**
 * An executor could not accept or follow an attempt. The message names the attempt, what was asked,
 * what the executor offers and what to change; {@link #stderrTail()} carries the failing command's
 * error output when there was one.
 */
public final class ExecutorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String attempt;
    private final String stderrTail;

    public ExecutorException(String attempt, String message, String stderrTail) {
        super(attempt + ": " + message + (stderrTail == null || stderrTail.isBlank() ? "" : " (stderr: " + stderrTail.strip() + ")"));
        this.attempt = attempt;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    public ExecutorException(String attempt, String message) {
        this(attempt, message, "");
    }

    /** The attempt's name, e.g. {@code sf-42-1}. */
    public String attempt() {
        return attempt;
    }

    public String stderrTail() {
        return stderrTail;
    }
}
