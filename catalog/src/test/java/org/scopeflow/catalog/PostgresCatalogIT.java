package org.scopeflow.catalog;

import org.junit.jupiter.api.BeforeAll;
import org.scopeflow.catalog.testing.PostgresTestDatabase;
import org.scopeflow.catalog.testing.TestDatabase;

/**
 * The catalog contract on a real PostgreSQL 15 (a fresh database per test). Needs
 * {@code SCOPEFLOW_TEST_PG_URL}; skipped without it unless CI=true.
 */
class PostgresCatalogIT extends CatalogFilesContract {
    @BeforeAll
    static void requirePostgres() {
        PostgresTestDatabase.requireConfigured();
    }

    @Override
    protected TestDatabase newDatabase() {
        return PostgresTestDatabase.create();
    }
}
