package org.scopeflow.catalog.testing;

import org.scopeflow.catalog.CatalogSettings;

/**
 * An empty database for one test: H2 in memory or a fresh PostgreSQL database. Closing it drops
 * what the test created.
 */
public interface TestDatabase extends AutoCloseable {
    /** How to reach it; open it with {@link org.scopeflow.catalog.Catalog#open}. */
    CatalogSettings settings();

    /** Short name for messages, e.g. {@code h2} or {@code postgresql}. */
    String kind();

    @Override
    void close();
}
