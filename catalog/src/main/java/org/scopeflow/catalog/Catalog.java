package org.scopeflow.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.jdbi.v3.core.Jdbi;

/**
 * An open catalog database: a connection pool, the schema migrations and the JDBI handle the
 * repositories share. Thread-safe; close it once when the process stops.
 *
 * <p>Migrations are found on the classpath under {@code db/migration} in every module, so a module
 * that owns tables (the pipeline's jobs, the server's accounts) ships its own {@code V…__*.sql}.
 * Version ranges: catalog V1–V9, pipeline V10–V19, server V20–V29, lifecycle V30–V39.
 *
 * <p>The repositories ({@link #files()}, {@link #sessions()}…) take every time they write from the
 * {@link Clock} given at opening, cut to microseconds.
 */
public final class Catalog implements AutoCloseable {
    private final CatalogSettings settings;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Clock clock;

    private Catalog(CatalogSettings settings, HikariDataSource dataSource, Clock clock) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jdbi = Jdbi.create(dataSource);
        jdbi.registerArgument(new InstantArgumentFactory());
    }

    /** Opens the database with the system clock (UTC) and applies pending migrations. */
    public static Catalog open(CatalogSettings settings) {
        return open(settings, Clock.systemUTC());
    }

    /** Opens the database and applies pending migrations; repositories take their times from {@code clock}. */
    public static Catalog open(CatalogSettings settings, Clock clock) {
        Catalog catalog = openWithoutMigrating(settings, clock);
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
        return openWithoutMigrating(settings, Clock.systemUTC());
    }

    /** Opens the database as it is; repositories take their times from {@code clock}. */
    public static Catalog openWithoutMigrating(CatalogSettings settings, Clock clock) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.effectiveUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName("scopeflow-catalog");
        config.setInitializationFailTimeout(10_000);
        return new Catalog(settings, new HikariDataSource(config), clock);
    }

    /** Applies pending migrations; returns how many were applied. */
    public int migrate() {
        return flyway().migrate().migrationsExecuted;
    }

    /** Applies pending migrations up to and including {@code version}; returns how many were applied. */
    public int migrateTo(String version) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
                .target(version).load().migrate().migrationsExecuted;
    }

    /** The highest migration version this build knows (applied or pending), e.g. {@code 1}. */
    public String latestKnownVersion() {
        MigrationVersion latest = null;
        for (MigrationInfo info : flyway().info().all()) {
            MigrationVersion v = info.getVersion();
            if (v != null && (latest == null || v.compareTo(latest) > 0)) {
                latest = v;
            }
        }
        return latest == null ? "0" : latest.getVersion();
    }

    public Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load();
    }

    /** The highest applied migration version, e.g. {@code 1}; {@code 0} for a database never migrated. */
    public String schemaVersion() {
        MigrationInfo current = flyway().info().current();
        return current == null || current.getVersion() == null ? "0" : current.getVersion().getVersion();
    }

    /** Rows of every table (Flyway's history excepted), parents before children. */
    public Map<String, Long> rowCounts() {
        try (Connection connection = dataSource.getConnection()) {
            return new CatalogSchema(connection).rowCounts();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rows in catalog " + settings.maskedUrl() + ": "
                    + e.getMessage(), e);
        }
    }

    public InstrumentRepository instruments() {
        return new JdbcInstrumentRepository(jdbi, clock);
    }

    public UserRepository users() {
        return new JdbcUserRepository(jdbi, clock);
    }

    public ProjectRepository projects() {
        return new JdbcProjectRepository(jdbi, clock);
    }

    public SessionRepository sessions() {
        return new JdbcSessionRepository(jdbi, clock);
    }

    public DatasetRepository datasets() {
        return new JdbcDatasetRepository(jdbi, clock);
    }

    public FileRepository files() {
        return new JdbcFileRepository(jdbi, clock);
    }

    public MetadataRepository metadata() {
        return new JdbcMetadataRepository(jdbi, clock);
    }

    public AuditLog audit() {
        return new JdbcAuditLog(jdbi, clock);
    }

    public Clock clock() {
        return clock;
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
