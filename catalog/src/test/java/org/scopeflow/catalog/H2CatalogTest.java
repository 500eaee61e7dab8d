package org.scopeflow.catalog;

import org.scopeflow.catalog.testing.H2TestDatabase;
import org.scopeflow.catalog.testing.TestDatabase;

/** The catalog contract on the embedded H2 database (PostgreSQL mode, in memory). */
class H2CatalogTest extends CatalogFilesContract {
    @Override
    protected TestDatabase newDatabase() {
        return new H2TestDatabase();
    }
}
