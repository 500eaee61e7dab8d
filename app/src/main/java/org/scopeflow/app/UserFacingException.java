package org.scopeflow.app;

/**
 * A failure the user can act on (a database that cannot be reached, a file that cannot be read):
 * the command prints its message alone, without a stack trace, and exits with {@link #exitCode()}.
 */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    /** @param message what failed, naming the thing and what to do; @param exitCode 1 or 2 */
    public UserFacingException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public UserFacingException(String message, int exitCode) {
        this(message, exitCode, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
