package org.scopeflow.ingest;

/**
 * The catalog (database or server) cannot be reached or refused the write for a transient reason.
 * The agent keeps the files in state "verified" and retries with backoff; nothing is cleaned up.
 */
public final class CatalogUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public CatalogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public CatalogUnavailableException(String message) {
        super(message);
    }
}
