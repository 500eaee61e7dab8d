package org.scopeflow.ingest;

import java.util.Map;

/**
 * The catalog recorded some files of a {@link CatalogSink#record} call and refused others, each for a
 * reason it gave (a checksum that differs from the one already recorded, an instrument or storage root
 * the server does not know). The files not listed are committed. The agent keeps a refused file
 * verified, shows the reason in {@code scopeflow agent status}, retries it with backoff and never cleans
 * up its source.
 */
public final class CatalogRejectedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Map<String, String> reasons;

    /** @param reasons {@link LandedFile#catalogKey()} → the catalog's reason; at least one */
    public CatalogRejectedException(Map<String, String> reasons) {
        super(reasons.size() + " file(s) refused by the catalog, e.g. " + reasons.values().iterator().next());
        this.reasons = Map.copyOf(reasons);
    }

    /** Catalog key of each refused file → the reason the catalog gave. */
    public Map<String, String> reasons() {
        return reasons;
    }
}
