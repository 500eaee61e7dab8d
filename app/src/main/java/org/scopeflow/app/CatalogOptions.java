package org.scopeflow.app;

import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.model.config.FacilityConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a command reaches the catalog database: {@code --db-url} (with {@code --db-user} and
 * {@code --db-password}, or both inside the URL) wins; otherwise the facility configuration's
 * {@code catalog.db_url}; otherwise the embedded H2 database in the configuration's data directory
 * ({@code ./scopeflow-data} by default). This is the single place commands take that decision.
 */
public final class CatalogOptions {
    /** Connections a command keeps open: commands use one or two at a time. */
    private static final int COMMAND_POOL_SIZE = 4;

    @Mixin
    FacilityOptions facility = new FacilityOptions();

    @Option(names = "--db-url", paramLabel = "URL",
            description = "JDBC URL of the catalog, e.g. jdbc:postgresql://host:5432/scopeflow or "
                    + "jdbc:h2:file:/data/scopeflow/catalog/scopeflow. Default: catalog.db_url of the "
                    + "configuration, else the embedded H2 database under its data_dir (./scopeflow-data).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER",
            description = "Database user. Default: catalog.db_user of the configuration, else none.")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD",
            description = "Database password. Default: catalog.db_password of the configuration "
                    + "(use ${ENV} there), else none. Prefer the configuration: arguments are visible to other users.")
    String dbPassword;

    /**
     * The database to open.
     *
     * @throws org.scopeflow.model.config.ConfigException when the configuration file is invalid
     */
    public CatalogSettings settings() {
        FacilityConfig config = dbUrl != null && facility.file() == null ? null : facility.load();
        if (dbUrl != null && !dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db-url '" + CatalogSettings.maskPassword(dbUrl) + "' is not a JDBC URL "
                    + "of H2 or PostgreSQL; expected jdbc:postgresql://host:5432/scopeflow or jdbc:h2:file:/path/scopeflow");
        }
        String url = dbUrl != null ? dbUrl
                : config.dbUrl() != null ? config.dbUrl() : CatalogSettings.embeddedUrl(config.dataDir());
        String user = dbUser != null ? dbUser : config == null ? "" : config.dbUser();
        String password = dbPassword != null ? dbPassword : config == null ? "" : config.dbPassword();
        return new CatalogSettings(url, user, password, COMMAND_POOL_SIZE);
    }
}
