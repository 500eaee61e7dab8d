package org.scopeflow.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.VerifyMode;
import org.scopeflow.model.config.ConfigException;

class AgentConfigReaderTest {
    private final AgentConfigReader reader = new AgentConfigReader(Map.of("SCOPEFLOW_TOKEN", "s3cret", "DATA", "/data")::get);

    @Test
    void readsTheIssueExampleWithEnvironmentSubstitution() {
        AgentSettings s = reader.parse("agent.yaml", """
                state_dir: /var/lib/scopeflow-agent
                server: {url: https://scopeflow.example.org, token: ${SCOPEFLOW_TOKEN}}
                watches:
                  - name: krios1
                    source: ${DATA}/incoming
                    destination: /storage/krios1/{session}/{yyyy}/{path}
                    session_pattern: '^(?<session>[^/]+)/'
                    include: ["**/*.tiff", "**/*.mrc", "**/*.eer", "**/*.xml", "**/*.mdoc"]
                    exclude: ["**/*.tmp", "**/.*"]
                    complete: {quiet_seconds: 10, sidecar: "{stem}.xml"}
                    checksum: [xxh3-128, sha256]
                    parallel: 4
                    poll_seconds: 30
                    polling_only: true
                    after_transfer: move:/data/trash
                    verify: cached
                """);
        WatchSettings w = s.watches().get(0);
        assertThat(s.server().token()).isEqualTo("s3cret");
        assertThat(s.server().toString()).doesNotContain("s3cret");
        assertThat(w.source()).isEqualTo(Path.of("/data/incoming"));
        assertThat(w.destination().storageRoot()).isEqualTo(Path.of("/storage/krios1"));
        assertThat(w.checksums()).containsExactlyInAnyOrder(ChecksumAlgorithm.XXH3_128, ChecksumAlgorithm.SHA256);
        assertThat(w.quietMillis()).isEqualTo(10_000);
        assertThat(w.sidecar()).isEqualTo("{stem}.xml");
        assertThat(w.pollingOnly()).isTrue();
        assertThat(w.afterTransfer().moveRoot()).isEqualTo(Path.of("/data/trash"));
        assertThat(w.verify()).isEqualTo(VerifyMode.CACHED);
    }

    @Test
    void reportsEveryProblemWithItsPathAndValue() {
        assertThatThrownBy(() -> reader.parse("bad.yaml", """
                state_dir: relative/state
                catalog: {db_url: jdbc:h2:file:/tmp/c}
                colour: blue
                watches:
                  - name: "bad name"
                    source: /data/in
                    destination: /storage/{sesion}/{path}
                    complete: {quiet_seconds: -1}
                    checksum: md5
                    parallel: many
                    after_transfer: shred
                    verify: maybe
                    token: ${NOT_SET}
                """))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                        .anySatisfy(p -> assertThat(p).startsWith("state_dir: value 'relative/state' is a relative path"))
                        .anySatisfy(p -> assertThat(p).startsWith("colour: unknown setting"))
                        .anySatisfy(p -> assertThat(p).startsWith("watches[0].name: value 'bad name'"))
                        .anySatisfy(p -> assertThat(p).contains("watches[0].destination: placeholder {sesion}"))
                        .anySatisfy(p -> assertThat(p).startsWith("watches[0].complete.quiet_seconds: value -1"))
                        .anySatisfy(p -> assertThat(p).startsWith("watches[0].checksum: value 'md5'"))
                        .anySatisfy(p -> assertThat(p).startsWith("watches[0].parallel: value 'many' is not a number"))
                        .anySatisfy(p -> assertThat(p).startsWith("watches[0].after_transfer: value 'shred'"))
                        .anySatisfy(p -> assertThat(p).startsWith("watches[0].verify: value 'maybe'"))
                        .anySatisfy(p -> assertThat(p).startsWith("watches[0].token: unknown setting")));
    }

    @Test
    void refusesOverlappingSourceAndDestination() {
        assertThatThrownBy(() -> reader.parse("a.yaml", """
                state_dir: /var/lib/sf
                catalog: {jsonl_file: /var/lib/sf/catalog.jsonl}
                watches:
                  - {name: k, source: /data/in, destination: "/data/in/copy/{path}"}
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                .contains("watches[0].destination: destination /data/in/copy overlaps source /data/in"));
    }

    @Test
    void missingEnvironmentVariableIsNamed() {
        assertThatThrownBy(() -> reader.parse("a.yaml", """
                state_dir: /var/lib/sf
                server: {url: "https://x.org", token: "${NOPE}"}
                watches: [{name: k, source: /a, destination: "/b/{path}"}]
                """)).hasMessageContaining("server.token: environment variable NOPE (in '${NOPE}') is not set");
    }
}
