package org.scopeflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogMigrationTest {
    @Test
    void embeddedCatalogMigratesAndReopens(@TempDir Path dataDir) {
        try (Catalog catalog = Catalog.open(CatalogSettings.embedded(dataDir))) {
            assertThat(catalog.flyway().info().applied()).isNotEmpty();
            long files = catalog.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM files")
                    .mapTo(Long.class).one());
            assertThat(files).isZero();
        }
        try (Catalog again = Catalog.open(CatalogSettings.embedded(dataDir))) {
            assertThat(again.migrate()).as("migrations applied on reopen").isZero();
        }
    }
}
