package org.scopeflow.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacilityConfigTest {
    @TempDir
    Path dir;

    private FacilityConfig load(String yaml, Map<String, String> env) throws Exception {
        Path file = dir.resolve("scopeflow.yaml");
        Files.writeString(file, yaml);
        return FacilityConfig.load(file, env);
    }

    @Test
    void noSettingsMeansEmbeddedDefaults() {
        FacilityConfig config = FacilityConfig.defaults();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("scopeflow-data"));
        assertThat(config.dbUrl()).as("null selects the embedded H2 catalog").isNull();
        assertThat(config.storageRoots()).containsEntry("default", Path.of("scopeflow-data", "storage"));
        assertThat(config.instruments()).isEmpty();
    }

    @Test
    void readsEverySettingAndResolvesPathsAgainstTheFile() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("pipelines"));
        java.nio.file.Files.writeString(dir.resolve("pipelines/spa.yaml"), "name: spa\n");
        FacilityConfig config = load("""
                http_port: 9090
                data_dir: state
                catalog: {db_url: "jdbc:postgresql://db:5432/scopeflow", db_user: sf, db_password: "${PGPASS}"}
                storage_roots: {fast: /lustre/em, archive: archive}
                instruments:
                  - {name: krios1, kind: cryo-em, detector: Falcon 4i, pixel_size_angstrom: 0.83, voltage_kv: 300}
                  - {name: spim1, kind: light-sheet, pipeline: light-sheet}
                  - {name: glacios, kind: cryo-em, pipeline: pipelines/spa.yaml}
                projects:
                  - name: bio-17
                    title: Ribosome
                    members: [{user: alice, role: owner}, {user: bob}]
                """, Map.of("PGPASS", "s3cret"));
        assertThat(config.httpPort()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("state"));
        assertThat(config.dbPassword()).isEqualTo("s3cret");
        assertThat(config.storageRoots()).containsExactly(
                Map.entry("fast", Path.of("/lustre/em")), Map.entry("archive", dir.resolve("archive")));
        assertThat(config.instruments()).containsExactly(
                new InstrumentConfig("krios1", "cryo-em", "Falcon 4i", 0.83, 300.0),
                new InstrumentConfig("spim1", "light-sheet", null, null, null, "light-sheet"),
                new InstrumentConfig("glacios", "cryo-em", null, null, null, dir.resolve("pipelines/spa.yaml").toString()));
        assertThat(config.projects().get(0).members()).containsExactly(
                new ProjectConfig.Member("alice", "owner"), new ProjectConfig.Member("bob", "member"));
    }

    @Test
    void reportsEveryProblemAtOnceWithPathAndValue() {
        assertThatThrownBy(() -> load("""
                http_port: 99999
                data_dirr: /x
                catalog: {db_url: "mysql://x", db_password: "${NOT_SET}"}
                instruments:
                  - {name: krios1, kind: cryo-em, voltage_kv: 300}
                  - {name: krios1, kind: tem, voltage_kv: -300, pixel_size_angstrom: abc, pipeline: ./missing.yaml}
                projects:
                  - title: no name
                    members: [{user: alice, role: boss}]
                """, Map.of()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(11))
                .hasMessageContaining("11 problems")
                .hasMessageContaining("instruments[1].pipeline: './missing.yaml' is neither a shipped template name nor an existing pipeline file")
                .hasMessageContaining("http_port: 99999 is not a TCP port; expected 1–65535")
                .hasMessageContaining("data_dirr: unknown setting; known: catalog, data_dir,")
                .hasMessageContaining("catalog.db_url: 'mysql://x' is not a supported database URL")
                .hasMessageContaining("catalog.db_password: environment variable NOT_SET is not set")
                .hasMessageContaining("instruments[1].name: 'krios1' is used by another instrument")
                .hasMessageContaining("instruments[1].kind: 'tem' is not allowed; expected one of cryo-em, light-sheet, other")
                .hasMessageContaining("instruments[1].voltage_kv: -300 is not a voltage; expected 60–400")
                .hasMessageContaining("instruments[1].pixel_size_angstrom: 'abc' is not a pixel size in Å; expected a number")
                .hasMessageContaining("projects[0].name: is required")
                .hasMessageContaining("projects[0].members[0].role: 'boss' is not allowed");
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> load("instruments:\n  - name: [unclosed\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scopeflow.yaml")
                .hasMessageContaining("is not valid YAML at line");
    }

    @Test
    void missingFileIsAProblemNotAStackTrace() {
        assertThatThrownBy(() -> FacilityConfig.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml")
                .hasMessageContaining("file not found");
    }

    @Test
    void environmentDefaultsApply() throws Exception {
        FacilityConfig config = load("catalog: {db_user: \"${PGUSER:-scopeflow}\"}\n", Map.of());
        assertThat(config.dbUser()).isEqualTo("scopeflow");
    }
}
