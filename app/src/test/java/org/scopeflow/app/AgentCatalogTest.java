package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.mrc.MrcMode;
import org.scopeflow.imaging.mrc.MrcWriteOptions;
import org.scopeflow.imaging.mrc.MrcWriter;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.Session;

/** The agent in standalone mode writes the catalog database directly: files, checksums, metadata. */
class AgentCatalogTest {
    @Test
    void agentOnceRecordsVerifiedFilesWithChecksumsAndSidecarMetadata(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectories(dir.resolve("incoming/grid1"));
        Path storage = Files.createDirectories(dir.resolve("storage"));
        byte[] movie = "frames…".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Files.write(source.resolve("movie 1.tiff"), movie);
        Files.writeString(source.resolve("movie 1.mdoc"), """
                PixelSpacing = 1.06
                Voltage = 300
                [ZValue = 0]
                ExposureDose = 1.5
                """);
        MrcWriter.write(source.resolve("aligned.mrc"), List.of(FloatImage.zeros(64, 48), FloatImage.zeros(64, 48)),
                MrcWriteOptions.of(MrcMode.FLOAT32, 1.06));
        String dbUrl = "jdbc:h2:file:" + dir.resolve("catalog/scopeflow") + CatalogSettings.H2_MODE;
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                state_dir: %s
                catalog: {db_url: "%s"}
                watches:
                  - name: krios1
                    source: %s
                    destination: %s/{path}
                    session_pattern: '^(?<session>[^/]+)/'
                    include: ["**/*.tiff", "**/*.mdoc", "**/*.mrc"]
                    complete: {quiet_seconds: 1}
                    checksum: [xxh3-128, sha256]
                """.formatted(dir.resolve("state"), dbUrl, dir.resolve("incoming"), storage));

        ConfigCommandTest.Run run = ConfigCommandTest.run("agent", "--once", "--config", config.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        try (Catalog catalog = Catalog.open(new CatalogSettings(dbUrl, "", "", 2))) {
            long instrumentId = catalog.instruments().findByName("krios1").orElseThrow().id();
            Session session = catalog.sessions().findByName(instrumentId, "grid1").orElseThrow();
            List<FileRecord> files = catalog.files().listBySession(session.id(), 0, 100).items();
            assertThat(files).extracting(FileRecord::relativePath)
                    .containsExactlyInAnyOrder("grid1/movie 1.tiff", "grid1/movie 1.mdoc", "grid1/aligned.mrc");
            FileRecord tiff = files.stream().filter(f -> f.relativePath().endsWith(".tiff")).findFirst().orElseThrow();
            assertThat(tiff.state()).isEqualTo(FileState.VERIFIED);
            assertThat(tiff.sizeBytes()).isEqualTo(movie.length);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(movie));
            assertThat(tiff.checksum().algorithm()).isEqualTo("sha-256");
            assertThat(tiff.checksum().hex()).isEqualTo(sha);
            assertThat(catalog.metadata().get(MetadataOwner.FILE, tiff.id(), "checksum_xxh3-128")).isPresent();
            FileRecord mdoc = files.stream().filter(f -> f.relativePath().endsWith(".mdoc")).findFirst().orElseThrow();
            assertThat(catalog.metadata().get(MetadataOwner.FILE, mdoc.id(), "voltage_kv").orElseThrow().numericValue())
                    .isEqualTo(300.0);
            var sessionPixel = catalog.metadata().get(MetadataOwner.SESSION, session.id(), "pixel_size_angstrom").orElseThrow();
            assertThat(sessionPixel.numericValue()).isEqualTo(1.06);
            assertThat(sessionPixel.unit()).isEqualTo("Å");
            FileRecord mrc = files.stream().filter(f -> f.relativePath().endsWith(".mrc")).findFirst().orElseThrow();
            assertThat(catalog.metadata().get(MetadataOwner.FILE, mrc.id(), "width_px").orElseThrow().numericValue())
                    .isEqualTo(64.0);
            assertThat(catalog.metadata().get(MetadataOwner.FILE, mrc.id(), "frames").orElseThrow().numericValue())
                    .isEqualTo(2.0);
            assertThat(catalog.metadata().get(MetadataOwner.FILE, mrc.id(), "pixel_size_angstrom").orElseThrow()
                    .numericValue()).isCloseTo(1.06, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(Files.readAllBytes(storage.resolve("grid1/movie 1.tiff"))).isEqualTo(movie);
        }
    }
}
