package org.scopeflow.catalog.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.catalog.testing.CatalogSeeder;
import org.scopeflow.catalog.testing.H2TestDatabase;
import org.scopeflow.catalog.testing.TestClock;

/** Export and import between H2 databases, and every refusal of a bad dump or target. */
class CatalogDumpTest {
    @TempDir
    Path dir;

    @Test
    void h2ToH2KeepsEveryRowOfEveryTable() throws Exception {
        Map<String, String>[] digests = DumpRoundTrip.run(new H2TestDatabase().settings(),
                CatalogSettings.embedded(dir.resolve("target-data")), dir.resolve("catalog.jsonl.gz"), false);

        assertThat(digests[0]).containsKeys("files", "sessions", "audit_log", "metadata_values", "memberships");
        assertThat(digests[0].get("files")).startsWith("602:");
        assertThat(digests[1]).isEqualTo(digests[0]);
    }

    @Test
    void tablesOfOtherModulesAreFoundAndCarriedWithTheirTypes() throws Exception {
        Map<String, String>[] digests = DumpRoundTrip.run(new H2TestDatabase().settings(),
                new H2TestDatabase().settings(), dir.resolve("catalog.jsonl.gz"), true);

        assertThat(digests[0].get("test_jobs")).startsWith("2:");
        assertThat(digests[1]).isEqualTo(digests[0]);
        List<String> lines = readLines(dir.resolve("catalog.jsonl.gz"));
        assertThat(lines.get(0)).contains("\"name\":\"test_jobs\"").contains("{\"name\":\"spec\",\"type\":\"json\"}");
        assertThat(indexOfFirstRow(lines, "test_jobs")).isGreaterThan(indexOfFirstRow(lines, "files"));
    }

    @Test
    void aNonEmptyTargetIsRefusedAndKeptAsItWas() throws Exception {
        Path dump = exportSeeded();
        try (Catalog target = Catalog.open(new H2TestDatabase().settings(), TestClock.standard())) {
            new CatalogSeeder(target, 99).seed(3);
            Map<String, Long> before = target.rowCounts();

            assertThatThrownBy(() -> new CatalogImporter(target).importFrom(dump))
                    .isInstanceOf(CatalogDumpException.class)
                    .hasMessageContaining("is not empty").hasMessageContaining("files: 8")
                    .hasMessageContaining("create a new database");
            assertThat(target.rowCounts()).isEqualTo(before);
        }
    }

    @Test
    void aDumpFromANewerSchemaIsRefused() throws Exception {
        Path dump = rewrite(exportSeeded(), line -> line.replace("\"schema_version\":\"1\"", "\"schema_version\":\"12\""));
        try (Catalog target = Catalog.openWithoutMigrating(new H2TestDatabase().settings())) {
            assertThatThrownBy(() -> new CatalogImporter(target).importFrom(dump))
                    .isInstanceOf(CatalogDumpException.class)
                    .hasMessageContaining("schema version 12")
                    .hasMessageContaining("knows migrations up to version 1");
        }
    }

    @Test
    void aChangedRowFailsTheChecksumAndNothingIsImported() throws Exception {
        Path dump = rewrite(exportSeeded(), line -> line.replace("\"ada@example.org\"", "\"eve@example.org\""));
        assertImportFailsLeavingTargetEmpty(dump, "content SHA-256 is");
    }

    @Test
    void aTruncatedDumpIsRefusedAndNothingIsImported() throws Exception {
        Path dump = rewrite(exportSeeded(), line -> line.startsWith("{\"trailer\"") ? null : line);
        assertImportFailsLeavingTargetEmpty(dump, "without its trailer: the dump is truncated");
    }

    @Test
    void aFileThatIsNotADumpIsRefused() throws Exception {
        Path notGzip = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path otherJson = write(dir.resolve("other.gz"), List.of("{\"format\":\"something-else\"}"));
        try (Catalog target = Catalog.openWithoutMigrating(new H2TestDatabase().settings())) {
            assertThatThrownBy(() -> new CatalogImporter(target).importFrom(notGzip))
                    .isInstanceOf(CatalogDumpException.class).hasMessageContaining("notes.txt");
            assertThatThrownBy(() -> new CatalogImporter(target).importFrom(otherJson))
                    .isInstanceOf(CatalogDumpException.class)
                    .hasMessageContaining("is not a Scopeflow catalog dump");
            assertThatThrownBy(() -> new CatalogImporter(target).importFrom(dir.resolve("missing.gz")))
                    .isInstanceOf(CatalogDumpException.class).hasMessageContaining("does not exist");
        }
    }

    private void assertImportFailsLeavingTargetEmpty(Path dump, String message) {
        try (Catalog target = Catalog.openWithoutMigrating(new H2TestDatabase().settings())) {
            assertThatThrownBy(() -> new CatalogImporter(target).importFrom(dump))
                    .isInstanceOf(CatalogDumpException.class).hasMessageContaining(message)
                    .hasMessageContaining(dump.getFileName().toString());
            assertThat(target.rowCounts().values()).allMatch(count -> count == 0);
        }
    }

    private Path exportSeeded() {
        Path dump = dir.resolve("seeded.jsonl.gz");
        try (Catalog source = Catalog.open(new H2TestDatabase().settings(), TestClock.standard())) {
            new CatalogSeeder(source, 7).seed(20);
            new CatalogExporter(source, TestClock.standard()).export(dump);
        }
        return dump;
    }

    /** A copy of the dump with each line changed (null drops the line). */
    private Path rewrite(Path dump, UnaryOperator<String> change) throws IOException {
        List<String> lines = readLines(dump).stream().map(change).filter(java.util.Objects::nonNull).toList();
        return write(dir.resolve("changed-" + dump.getFileName()), lines);
    }

    static List<String> readLines(Path dump) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dump)), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }

    private static Path write(Path file, List<String> lines) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (String line : lines) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    private static int indexOfFirstRow(List<String> lines, String table) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("{\"t\":\"" + table + "\"")) {
                return i;
            }
        }
        return -1;
    }
}
