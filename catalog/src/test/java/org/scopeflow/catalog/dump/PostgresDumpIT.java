package org.scopeflow.catalog.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.catalog.testing.H2TestDatabase;
import org.scopeflow.catalog.testing.PostgresTestDatabase;

/** Moving a catalog from the embedded H2 to PostgreSQL and back keeps every row of every table. */
class PostgresDumpIT {
    @TempDir
    Path dir;

    /** Per test (not per class) so that every skipped test is listed with the reason. */
    @BeforeEach
    void requirePostgres() {
        PostgresTestDatabase.requireConfigured();
    }

    @Test
    void h2ToPostgresKeepsEveryRowOfEveryTable() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            Map<String, String>[] digests = DumpRoundTrip.run(CatalogSettings.embedded(dir.resolve("h2")),
                    pg.settings(), dir.resolve("catalog.jsonl.gz"), true);

            assertThat(digests[0].get("files")).startsWith("602:");
            assertThat(digests[0].get("test_jobs")).startsWith("2:");
            assertThat(digests[1]).as("row counts and content checksum per table on PostgreSQL").isEqualTo(digests[0]);
        }
    }

    @Test
    void postgresBackToH2KeepsEveryRow() throws Exception {
        try (PostgresTestDatabase pg = PostgresTestDatabase.create()) {
            Map<String, String>[] toPg = DumpRoundTrip.run(new H2TestDatabase().settings(), pg.settings(),
                    dir.resolve("to-pg.jsonl.gz"), false);
            Map<String, String> backInH2 = DumpRoundTripBack.exportAndImport(pg.settings(),
                    new H2TestDatabase().settings(), dir.resolve("back.jsonl.gz"));

            assertThat(backInH2.get("files")).as("one file registered after the first import").startsWith("603:");
            assertThat(backInH2.get("sessions")).isEqualTo(toPg[1].get("sessions"));
            assertThat(backInH2.get("metadata_values")).isEqualTo(toPg[1].get("metadata_values"));
        }
    }
}
