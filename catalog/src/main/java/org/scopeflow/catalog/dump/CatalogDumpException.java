package org.scopeflow.catalog.dump;

/**
 * A dump cannot be written or read: the message names the file, what is wrong and what to do.
 * The target database is left as it was (import runs in one transaction).
 */
public final class CatalogDumpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogDumpException(String message) {
        super(message);
    }

    public CatalogDumpException(String message, Throwable cause) {
        super(message, cause);
    }
}
