package org.scopeflow.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * An open catalog database: a connection pool, the schema migrations and the JDBI handle the
 * repositories share. Thread-safe; close it once when the process stops.
 *
 * <p>Migrations are found on the classpath under {@code db/migration} in every module, so a module
 * that owns tables (the pipeline's jobs, the server's accounts) ships its own {@code V…__*.sql}.
 * Version ranges: catalog V1–V9, pipeline V10–V19, server V20–V29, lifecycle V30–V39.
 */
public final class Catalog implements AutoCloseable {
    private final CatalogSettings settings;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Catalog(CatalogSettings settings, HikariDataSource dataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
    }

    /** Opens the database and applies pending migrations. */
    public static Catalog open(CatalogSettings settings) {
        Catalog catalog = openWithoutMigrating(settings);
        try {
            catalog.migrate();
            return catalog;
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
    }

    /** Opens the database as it is, for commands that only inspect it. */
    public static Catalog openWithoutMigrating(CatalogSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.effectiveUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName("scopeflow-catalog");
        config.setInitializationFailTimeout(10_000);
        return new Catalog(settings, new HikariDataSource(config));
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        return flyway().migrate().migrationsExecuted;
    }

    public Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public CatalogSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
