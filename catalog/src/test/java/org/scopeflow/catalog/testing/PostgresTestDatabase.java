package org.scopeflow.catalog.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.scopeflow.catalog.CatalogSettings;

/**
 * A fresh, empty PostgreSQL database for one test, created through {@code SCOPEFLOW_TEST_PG_ADMIN_URL}
 * and dropped on close. Without the admin URL, the schema {@code public} of
 * {@code SCOPEFLOW_TEST_PG_URL} is dropped and recreated instead.
 */
public final class PostgresTestDatabase implements TestDatabase {
    public static final String URL_VARIABLE = "SCOPEFLOW_TEST_PG_URL";
    public static final String ADMIN_URL_VARIABLE = "SCOPEFLOW_TEST_PG_ADMIN_URL";
    private static final String HOW_TO_START =
            "eval \"$(scripts/postgres.sh start /tmp/pg)\" starts a throw-away PostgreSQL and sets it";

    private final CatalogSettings settings;
    private final String adminUrl;
    private final String databaseName;

    private PostgresTestDatabase(CatalogSettings settings, String adminUrl, String databaseName) {
        this.settings = settings;
        this.adminUrl = adminUrl;
        this.databaseName = databaseName;
    }

    /**
     * Skips the calling test (assumption) when PostgreSQL is not configured, or fails it when the
     * environment variable CI is {@code true}: CI must not skip real-database tests silently.
     */
    public static void requireConfigured() {
        boolean configured = System.getenv(URL_VARIABLE) != null && !System.getenv(URL_VARIABLE).isBlank();
        if (!configured && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(URL_VARIABLE + " is not set but CI=true; " + HOW_TO_START);
        }
        assumeTrue(configured, URL_VARIABLE + " is not set, PostgreSQL tests skipped; " + HOW_TO_START);
    }

    /** A new empty database; call {@link #requireConfigured()} first. */
    public static PostgresTestDatabase create() {
        String url = System.getenv(URL_VARIABLE);
        String adminUrl = System.getenv(ADMIN_URL_VARIABLE);
        try {
            if (adminUrl == null || adminUrl.isBlank()) {
                resetPublicSchema(url);
                return new PostgresTestDatabase(new CatalogSettings(url, "", "", 8), null, null);
            }
            String name = "scopeflow_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            execute(adminUrl, "CREATE DATABASE " + name + " ENCODING 'UTF8'");
            String testUrl = replaceDatabase(adminUrl, name);
            return new PostgresTestDatabase(new CatalogSettings(testUrl, "", "", 8), adminUrl, name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare a PostgreSQL test database at "
                    + CatalogSettings.maskPassword(url) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CatalogSettings settings() {
        return settings;
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public void close() {
        if (databaseName == null) {
            return;
        }
        try {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + databaseName + ": " + e.getMessage(), e);
        }
    }

    private static void resetPublicSchema(String url) throws SQLException {
        execute(url, "DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** {@code jdbc:postgresql://host:port/db?params} with {@code db} replaced. */
    static String replaceDatabase(String url, String database) {
        int hostStart = url.toLowerCase(Locale.ROOT).indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }
}
