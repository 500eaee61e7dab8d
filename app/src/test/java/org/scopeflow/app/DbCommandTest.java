package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.app.ConfigCommandTest.Run;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.catalog.testing.CatalogSeeder;
import org.scopeflow.catalog.testing.TestClock;

/** {@code scopeflow db …} end to end on embedded H2 file databases. */
class DbCommandTest {
    @TempDir
    Path dir;

    @Test
    void migrateThenInfoShowsMigrationsAndRowCounts() {
        String url = h2Url("a");
        Run migrate = ConfigCommandTest.run("db", "migrate", "--db-url", url);
        Run again = ConfigCommandTest.run("db", "migrate", "--db-url", url);
        Run info = ConfigCommandTest.run("db", "info", "--db-url", url);

        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).contains("applied").doesNotContain("applied 0 migrations");
        assertThat(again.out()).contains("applied 0 migrations");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("V1 ").contains("catalog").contains("success")
                .containsPattern("files\\s+0").containsPattern("sessions\\s+0");
    }

    @Test
    void exportThenImportIntoAnotherDatabaseKeepsEveryRow() {
        String source = h2Url("source");
        try (Catalog catalog = Catalog.open(new CatalogSettings(source, "", "", 4), TestClock.standard())) {
            new CatalogSeeder(catalog, 3).seed(40);
        }
        Path dump = dir.resolve("catalog.jsonl.gz");
        String target = h2Url("target");

        Run export = ConfigCommandTest.run("db", "export", dump.toString(), "--db-url", source);
        Run imported = ConfigCommandTest.run("db", "import", dump.toString(), "--db-url", target, "--json");
        Run sourceInfo = ConfigCommandTest.run("db", "info", "--db-url", source, "--json");
        Run targetInfo = ConfigCommandTest.run("db", "info", "--db-url", target, "--json");

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("exported ").contains("to " + dump);
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("\"files\" : 82").contains("\"content_sha256\"")
                .as("tables of other modules' migrations are carried too").contains("\"pipeline_jobs\"");
        assertThat(rowCounts(targetInfo.out())).isEqualTo(rowCounts(sourceInfo.out()));
    }

    @Test
    void importIntoANonEmptyCatalogFailsWithExitCodeOne() {
        String url = h2Url("full");
        try (Catalog catalog = Catalog.open(new CatalogSettings(url, "", "", 4), TestClock.standard())) {
            new CatalogSeeder(catalog, 3).seed(2);
        }
        Path dump = dir.resolve("self.jsonl.gz");
        assertThat(ConfigCommandTest.run("db", "export", dump.toString(), "--db-url", url).exitCode()).isZero();

        Run run = ConfigCommandTest.run("db", "import", dump.toString(), "--db-url", url);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("is not empty").contains("files: 6").doesNotContain("\tat ");
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithTheMaskedUrlAndExitCodeOne() {
        Run run = ConfigCommandTest.run("db", "info", "--db-url",
                "jdbc:postgresql://127.0.0.1:1/scopeflow?user=ada&password=s3cret&connectTimeout=2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot reach catalog database jdbc:postgresql://127.0.0.1:1/scopeflow?user=ada&password=***")
                .doesNotContain("s3cret");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rerun 1 --step motion --all", "cancel 1", "retry 1"})
    void pipelineCommandsReportAnUnreachableDatabaseInOneLine(String command) {
        List<String> args = new java.util.ArrayList<>(List.of("pipeline"));
        args.addAll(List.of(command.split(" ")));
        args.addAll(List.of("--db-url", "jdbc:postgresql://127.0.0.1:1/scopeflow?user=ada&password=s3cret&connectTimeout=2"));
        Run run = ConfigCommandTest.run(args.toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot reach catalog database jdbc:postgresql://127.0.0.1:1/scopeflow?user=ada&password=***")
                .doesNotContain("s3cret");
    }

    @Test
    void pipelineRunReportsAnUnreachableDatabaseInOneLine() throws Exception {
        PipelineCommandTest.Setup setup = PipelineCommandTest.setup(dir, "data", 1, """
                name: copy
                steps:
                  - id: copy
                    command: "cp {input} {output_dir}/copy.txt"
                    inputs: "*.dat"
                    outputs: [copy.txt]
                """);
        Run run = ConfigCommandTest.run("pipeline", "run", setup.yaml().toString(), "--input", setup.data().toString(),
                "--db-url", "jdbc:postgresql://127.0.0.1:1/scopeflow?user=ada&password=s3cret&connectTimeout=2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("cannot reach catalog database jdbc:postgresql://127.0.0.1:1/scopeflow?user=ada&password=***")
                .doesNotContain("s3cret");
    }

    @Test
    void aMissingDumpFileIsBadUsage() {
        Run run = ConfigCommandTest.run("db", "import", dir.resolve("nope.gz").toString(), "--db-url", h2Url("x"));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.gz does not exist");
    }

    @Test
    void aUrlThatIsNotJdbcIsBadUsage() {
        Run run = ConfigCommandTest.run("db", "info", "--db-url", "postgres://dbhost/scopeflow?password=s3cret");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not a JDBC URL of H2 or PostgreSQL").doesNotContain("s3cret");
    }

    private String h2Url(String name) {
        return "jdbc:h2:file:" + dir.resolve(name).resolve("scopeflow") + CatalogSettings.H2_MODE;
    }

    private static String rowCounts(String infoJson) {
        int start = infoJson.indexOf("\"row_counts\"");
        assertThat(start).as(infoJson).isPositive();
        return infoJson.substring(start);
    }
}
