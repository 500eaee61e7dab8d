package org.scopeflow.ingest;

import java.util.List;

/**
 * What the agent needs from the catalog. Implementations: {@link JsonLinesCatalogSink} (standalone and
 * tests, no database); the catalog database ({@code catalog: {db_url: …}}) and the server's REST API
 * ({@code server: {url: …}}) are wired in by the app module.
 *
 * <p>Threading: the agent calls these from one thread at a time per sink, but implementations must be
 * safe to call from several threads.
 */
public interface CatalogSink extends AutoCloseable {

    /**
     * Finds or creates the session {@code sessionName} of instrument (watch) {@code watchName}.
     * Idempotent: calling it again with the same names has no further effect.
     *
     * @throws CatalogUnavailableException when the catalog cannot be reached; the agent retries
     */
    void ensureSession(String watchName, String sessionName) throws CatalogUnavailableException;

    /**
     * Records the files and their metadata (in one or more commits). Idempotent per {@link LandedFile#catalogKey()}:
     * a file already recorded under the same key is left as it is (a crash between the catalog commit and
     * the agent's journal replays the call). When this returns, the rows are durable.
     *
     * @param files verified files; their sessions were passed to {@link #ensureSession} before
     * @throws CatalogUnavailableException when the catalog cannot be reached; files may or may not have
     *                                     been committed, and the (idempotent) retry records the rest
     * @throws CatalogRejectedException    when the catalog refused some files, each with its reason; the
     *                                     other files are committed
     */
    void record(List<LandedFile> files) throws CatalogUnavailableException, CatalogRejectedException;

    /** Releases connections or file handles. */
    @Override
    void close();
}
