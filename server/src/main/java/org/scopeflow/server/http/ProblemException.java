package org.scopeflow.server.http;

import java.util.Map;

/**
 * Thrown by handlers to answer with a problem document. The message is the problem's detail and
 * is shown to the client, so it must name the value and the fix but never internal state.
 */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String title;
    private final transient Map<String, String> errors;

    public ProblemException(int status, String title, String detail, Map<String, String> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors;
    }

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "Forbidden", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "Unauthorized", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, String> errors() {
        return errors;
    }
}
