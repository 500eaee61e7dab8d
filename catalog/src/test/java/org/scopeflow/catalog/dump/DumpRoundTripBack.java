package org.scopeflow.catalog.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.catalog.testing.TestClock;

/** Exports an existing catalog as it is and imports it into an empty one. */
final class DumpRoundTripBack {
    private DumpRoundTripBack() {}

    /** Returns the target's table digests after checking they equal the source's. */
    static Map<String, String> exportAndImport(CatalogSettings source, CatalogSettings target, Path dump)
            throws SQLException {
        Map<String, String> before;
        try (Catalog catalog = Catalog.open(source, TestClock.standard())) {
            new CatalogExporter(catalog, TestClock.standard()).export(dump);
            before = DumpRoundTrip.digest(catalog);
        }
        try (Catalog catalog = Catalog.openWithoutMigrating(target, TestClock.standard())) {
            new CatalogImporter(catalog).importFrom(dump);
            Map<String, String> after = DumpRoundTrip.digest(catalog);
            assertThat(after).isEqualTo(before);
            return after;
        }
    }
}
