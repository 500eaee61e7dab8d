package org.scopeflow.catalog;

import org.scopeflow.catalog.testing.PostgresTestDatabase;
import org.scopeflow.catalog.testing.TestDatabase;

/**
 * The catalog contract on a real PostgreSQL 15 (a fresh database per test). Needs
 * {@code SCOPEFLOW_TEST_PG_URL}; each test is skipped without it (with the reason) unless CI=true.
 */
class PostgresCatalogIT extends CatalogFilesContract {
    @Override
    protected TestDatabase newDatabase() {
        PostgresTestDatabase.requireConfigured();
        return PostgresTestDatabase.create();
    }
}
