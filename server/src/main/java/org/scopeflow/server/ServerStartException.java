package org.scopeflow.server;

/** The server could not start; the message says why and what to do (e.g. the port is taken). */
public final class ServerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
