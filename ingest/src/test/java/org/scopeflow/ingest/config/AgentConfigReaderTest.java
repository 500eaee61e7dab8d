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
                server: {url: https://scopeflow.example.org/, token: ${SCOPEFLOW_TOKEN}, storage_roots: {default: /storage}}
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
        assertThat(s.server().url()).isEqualTo("https://scopeflow.example.org");
        assertThat(s.server().agentName()).as("default: the host name, chosen at run time").isNull();
        assertThat(s.server().storageRootOf(Path.of("/storage/krios1"))).hasValueSatisfying(r -> assertThat(r.getKey()).isEqualTo("default"));
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
    void serverModeNamesTheStorageRootOfEveryWatch() {
        AgentSettings s = reader.parse("a.yaml", """
                state_dir: /var/lib/sf
                server: {url: "http://sf:8080", token: t, agent_name: krios1-pc, storage_roots: {bulk: /storage, fast: /storage/fast}}
                watches:
                  - {name: a, source: /in/a, destination: "/storage/fast/a/{path}"}
                  - {name: b, source: /in/b, destination: "/storage/b/{path}"}
                """);
        assertThat(s.server().agentName()).isEqualTo("krios1-pc");
        assertThat(s.server().storageRootOf(s.watches().get(0).destination().storageRoot()).orElseThrow().getKey())
                .as("the longest matching directory wins").isEqualTo("fast");
        assertThat(s.server().storageRootOf(s.watches().get(1).destination().storageRoot()).orElseThrow().getKey()).isEqualTo("bulk");

        assertThatThrownBy(() -> reader.parse("b.yaml", """
                state_dir: /var/lib/sf
                server: {url: "http://sf:8080", token: t, agent_name: "pc 1", storage_roots: {"bad name": relative, ok: /storage}}
                watches: [{name: k, source: /in, destination: "/elsewhere/{path}"}]
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).startsWith("server.agent_name: value 'pc 1' must be"))
                .anySatisfy(p -> assertThat(p).startsWith("server.storage_roots.bad name: 'bad name' is not a storage root name"))
                .anySatisfy(p -> assertThat(p).startsWith("server.storage_roots.bad name: value 'relative' is a relative path"))
                .anySatisfy(p -> assertThat(p).isEqualTo("watches[0].destination: storage root /elsewhere is inside none of "
                        + "server.storage_roots (/storage); add the server's name for it, e.g. storage_roots: {NAME: /elsewhere}")));
        assertThatThrownBy(() -> reader.parse("c.yaml", """
                state_dir: /var/lib/sf
                server: {url: "http://sf:8080", token: t}
                watches: [{name: k, source: /in, destination: "/storage/{path}"}]
                """)).hasMessageContaining("server.storage_roots: missing; name the server's storage root");
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
