package org.scopeflow.app;

import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.model.config.FacilityConfig;

/** Opens the catalog a facility configuration names, turning connection failures into a clear message. */
final class CatalogAccess {
    private CatalogAccess() {}

    /**
     * Opens (and migrates) the configured catalog: the PostgreSQL or H2 URL of {@code catalog.db_url},
     * else the embedded H2 database under {@code data_dir}.
     *
     * @throws UserFacingException exit 1, naming the URL and the cause, when it cannot be opened
     */
    static Catalog open(FacilityConfig config) {
        CatalogSettings settings = config.dbUrl() == null ? CatalogSettings.embedded(config.dataDir())
                : new CatalogSettings(config.dbUrl(), config.dbUser(), config.dbPassword(), 16);
        try {
            return Catalog.open(settings);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new UserFacingException("catalog " + settings.url() + " cannot be opened: " + root.getMessage()
                    + "; check catalog.db_url in the configuration and that the database is running", ExitCodes.FAILED, e);
        }
    }
}
