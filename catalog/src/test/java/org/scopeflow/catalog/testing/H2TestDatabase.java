package org.scopeflow.catalog.testing;

import java.util.UUID;
import org.scopeflow.catalog.CatalogSettings;

/**
 * A private H2 in-memory database in PostgreSQL mode; it disappears when the last connection to it
 * closes (no DB_CLOSE_DELAY), so closing the catalog is enough.
 */
public final class H2TestDatabase implements TestDatabase {
    private final CatalogSettings settings;

    public H2TestDatabase() {
        String url = "jdbc:h2:mem:scopeflow-" + UUID.randomUUID() + CatalogSettings.H2_MODE;
        this.settings = new CatalogSettings(url, "", "", 8);
    }

    @Override
    public CatalogSettings settings() {
        return settings;
    }

    @Override
    public String kind() {
        return "h2";
    }

    @Override
    public void close() {
        // Nothing to drop: the in-memory database ends with its last connection.
    }
}
