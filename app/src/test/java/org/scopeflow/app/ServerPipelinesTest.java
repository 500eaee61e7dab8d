package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.config.ConfigException;
import org.scopeflow.model.config.FacilityConfig;

/** The server's engine: an instrument's configured pipeline is attached to its sessions and runs as files land. */
class ServerPipelinesTest {
    @Test
    void configuredPipelineIsAttachedToANewSessionOnceAFileLandedAndProcessesIt(@TempDir Path dir) throws Exception {
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Files.writeString(dir.resolve("count.yaml"), """
                name: count-bytes
                steps:
                  - id: count
                    command: "wc -c < {input} > {output_dir}/bytes.txt"
                    inputs: "**/*.tiff"
                    outputs: [bytes.txt]
                """);
        Files.writeString(dir.resolve("scopeflow.yaml"), """
                data_dir: data
                storage_roots: {fast: storage}
                instruments:
                  - {name: krios1, kind: cryo-em, pipeline: count.yaml}
                """);
        FacilityConfig config = FacilityConfig.load(dir.resolve("scopeflow.yaml"), Map.of());
        try (Catalog catalog = CatalogAccess.open(config)) {
            FacilitySync.apply(config, catalog);
            long instrument = catalog.instruments().findByName("krios1").orElseThrow().id();
            long session = catalog.sessions().create(new NewSession("grid-7", null, instrument, null, Instant.now())).id();
            try (ServerPipelines pipelines = ServerPipelines.start(config, catalog, "scopeflow.yaml")) {
                Thread.sleep(1500);
                assertThat(count(catalog, "SELECT COUNT(*) FROM pipeline_runs")).as("no file landed yet: no run").isZero();

                Files.createDirectories(storage.resolve("grid-7"));
                Files.write(storage.resolve("grid-7/movie_1.tiff"), new byte[1234]);
                var f = catalog.files().register(new NewFile(session, null, "grid-7/movie_1.tiff", 1234, null, null));
                catalog.files().markLanded(f.id(), "fast", new Checksum("xxh3-128", "00112233445566778899aabbccddeeff"));

                // Generous: CI machines run this after minutes of other tests; the wait ends as soon as the job succeeds.
                long deadline = System.nanoTime() + 180_000_000_000L;
                while (count(catalog, "SELECT COUNT(*) FROM pipeline_jobs WHERE state = 'succeeded'") == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                assertThat(count(catalog, "SELECT COUNT(*) FROM pipeline_jobs WHERE state = 'succeeded'"))
                        .as("runs %s; jobs %s", rows(catalog, "SELECT * FROM pipeline_runs"),
                                rows(catalog, "SELECT id, step_id, state, attempt, failure_reason FROM pipeline_jobs"))
                        .isEqualTo(1);
                try (var outputs = Files.walk(storage.resolve("processing/grid-7"))) {
                    Path bytes = outputs.filter(p -> p.getFileName().toString().equals("bytes.txt")).findFirst().orElseThrow();
                    assertThat(Files.readString(bytes).trim()).isEqualTo("1234");
                }
            }
        }
    }

    @Test
    void aPipelineThatCannotBeUsedStopsTheStartNamingTheSetting(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "name: broken\nsteps:\n  - id: a\n    uses: builtin:nope\n");
        Files.writeString(dir.resolve("scopeflow.yaml"), """
                data_dir: data
                instruments:
                  - {name: krios1, pipeline: broken.yaml}
                  - {name: krios2, pipeline: no-such-template}
                """);
        FacilityConfig config = FacilityConfig.load(dir.resolve("scopeflow.yaml"), Map.of());
        try (Catalog catalog = CatalogAccess.open(config)) {
            assertThatThrownBy(() -> ServerPipelines.start(config, catalog, "scopeflow.yaml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("instruments[0].pipeline")
                    .hasMessageContaining("builtin:nope")
                    .hasMessageContaining("instruments[1].pipeline: no pipeline template 'no-such-template'; known:");
        }
    }

    private static String rows(Catalog catalog, String sql) {
        return catalog.jdbi().withHandle(h -> h.createQuery(sql).mapToMap().list()).toString();
    }

    private static long count(Catalog catalog, String sql) {
        return catalog.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
