package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.imaging.image.FloatImage;
import org.scopeflow.imaging.mrc.MrcMode;
import org.scopeflow.imaging.mrc.MrcWriteOptions;
import org.scopeflow.imaging.mrc.MrcWriter;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.LandedFile;
import org.scopeflow.ingest.agent.AgentStatus;
import org.scopeflow.ingest.config.AgentConfigReader;
import org.scopeflow.ingest.config.AgentSettings;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.Session;
import org.scopeflow.model.config.FacilityConfig;
import org.scopeflow.server.ScopeflowServer;
import org.scopeflow.server.ServerSettings;
import org.scopeflow.server.api.AgentApi;
import org.scopeflow.server.auth.AccountStore;
import org.scopeflow.server.auth.Role;

/**
 * The agent in server mode against a real Scopeflow server started in this JVM on a free port over an
 * H2 catalog file: files land on the server as verified with their checksums and metadata; a dead
 * server keeps them in the source and the journal until a later run records them exactly once; a
 * refused token or storage root stops the agent before it transfers anything; an event the server
 * refuses fails that file with the server's reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentServerModeTest {
    Path storage;
    Path facilityConfig;
    Catalog catalog;
    ScopeflowServer server;
    String url;
    String agentToken;
    String adminToken;
    String memberToken;
    long krios1;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void startServer(@TempDir Path facility) throws Exception {
        storage = Files.createDirectories(facility.resolve("storage"));
        Files.createDirectories(storage.resolve("krios1")); // the agent never creates its storage root
        facilityConfig = Files.writeString(facility.resolve("scopeflow.yaml"), """
                data_dir: %s
                storage_roots: {bulk: %s}
                """.formatted(facility.resolve("data"), storage));
        FacilityConfig config = FacilityConfig.load(facilityConfig, Map.of());
        catalog = Catalog.open(CatalogSettings.embedded(config.dataDir()));
        krios1 = catalog.instruments().create(new NewInstrument("krios1", InstrumentKind.fromLabel("cryo-em"), null, null, null)).id();
        server = ScopeflowServer.create(ServerSettings.of(0, config.storageRoots()).withHost("127.0.0.1"), catalog);
        url = "http://127.0.0.1:" + server.start();
        // The documented way: an agent account and its token from the command line.
        assertThat(cli("user", "add", "pc1", "--role", "agent", "--config", facilityConfig.toString()).exitCode()).isZero();
        ConfigCommandTest.Run token = cli("user", "token", "pc1", "--config", facilityConfig.toString());
        assertThat(token.exitCode()).as(token.err()).isZero();
        agentToken = token.out().trim();
        AccountStore accounts = new AccountStore(catalog.jdbi(), catalog.clock());
        adminToken = accounts.createToken(accounts.create("boss", null, Role.ADMIN, null).userId(), "test", null);
        memberToken = accounts.createToken(accounts.create("alice", null, Role.MEMBER, null).userId(), "test", null);
    }

    @AfterAll
    void stopServer() {
        server.stop();
        catalog.close();
    }

    @Test
    void agentOnceRecordsVerifiedFilesWithChecksumsAndMetadataOnTheServer(@TempDir Path dir) throws Exception {
        byte[] movie = writeAcquisition(dir.resolve("incoming/grid1"));
        Path config = agentConfig(dir, url, agentToken, "krios1", "t1-pc", "bulk");

        ConfigCommandTest.Run run = cli("agent", "--once", "--config", config.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();

        Session session = catalog.sessions().findByName(krios1, "grid1").orElseThrow();
        List<FileRecord> files = catalog.files().listBySession(session.id(), 0, 100).items();
        assertThat(files).extracting(FileRecord::relativePath)
                .containsExactlyInAnyOrder("grid1/movie 1.tiff", "grid1/movie 1.mdoc", "grid1/aligned.mrc");
        assertThat(files).allSatisfy(f -> {
            assertThat(f.state()).isEqualTo(FileState.VERIFIED);
            assertThat(f.storageRoot()).isEqualTo("bulk");
            assertThat(f.checksum().algorithm()).isEqualTo("sha-256");
        });
        FileRecord tiff = file(files, ".tiff");
        assertThat(tiff.sizeBytes()).isEqualTo(movie.length);
        assertThat(tiff.checksum().hex()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(movie)));
        assertThat(text(MetadataOwner.FILE, tiff.id(), "checksum_xxh3-128")).hasSize(32);
        assertThat(text(MetadataOwner.FILE, tiff.id(), "storage_path")).isEqualTo("krios1/grid1/movie 1.tiff");
        assertThat(Files.readAllBytes(storage.resolve("krios1/grid1/movie 1.tiff"))).isEqualTo(movie);
        assertThat(catalog.metadata().get(MetadataOwner.FILE, file(files, ".mdoc").id(), "voltage_kv").orElseThrow().numericValue())
                .isEqualTo(300.0);
        var pixel = catalog.metadata().get(MetadataOwner.SESSION, session.id(), "pixel_size_angstrom").orElseThrow();
        assertThat(pixel.numericValue()).isEqualTo(1.06);
        assertThat(pixel.unit()).isEqualTo("Å");
        assertThat(catalog.metadata().get(MetadataOwner.FILE, file(files, ".mrc").id(), "width_px").orElseThrow().numericValue())
                .isEqualTo(64.0);
        assertThat(dir.resolve("incoming/grid1/movie 1.tiff")).as("cleaned up after the server committed").doesNotExist();

        JsonNode agent = agent("t1-pc");
        assertThat(agent.get("instrument_id").asLong()).isEqualTo(krios1);
        assertThat(agent.get("last_heartbeat_at").asText()).endsWith("Z");
        assertThat(agent.get("backlog_files").asLong()).as("the final heartbeat reports an empty backlog").isZero();
    }

    @Test
    void deadServerKeepsFilesInSourceAndJournalUntilALaterRunRecordsThemOnce(@TempDir Path dir) throws Exception {
        writeAcquisition(dir.resolve("incoming/grid2"));
        String deadUrl = "http://127.0.0.1:" + freePort();
        Path config = agentConfig(dir, deadUrl, agentToken, "krios1", "t2-pc", "bulk");

        ConfigCommandTest.Run down = cli("agent", "--once", "--retry-attempts", "2", "--config", config.toString());
        assertThat(down.exitCode()).as(down.err()).isEqualTo(1);
        assertThat(down.err()).contains("3 file(s) failed")
                .contains("grid2/movie 1.tiff: CATALOG_UNAVAILABLE: server " + deadUrl + " is unreachable: cannot connect (connection refused)")
                .doesNotContain("\tat ");
        assertThat(dir.resolve("incoming/grid2/movie 1.tiff")).as("no clean-up before the server committed").exists();
        assertThat(storage.resolve("krios1/grid2/movie 1.tiff")).as("transferred while the server was down").exists();
        AgentStatus status = AgentStatus.read(new AgentConfigReader(Map.<String, String>of()::get).read(config), Clock.systemUTC());
        assertThat(status.watches().get(0).filesByState()).containsEntry("verified", 3L);
        assertThat(catalog.sessions().findByName(krios1, "grid2")).isEmpty();

        Files.writeString(config, Files.readString(config).replace(deadUrl, url));
        ConfigCommandTest.Run up = cli("agent", "--once", "--config", config.toString());
        assertThat(up.exitCode()).as(up.err()).isZero();
        Session session = catalog.sessions().findByName(krios1, "grid2").orElseThrow();
        assertThat(catalog.files().countBySession(session.id())).isEqualTo(3);
        assertThat(catalog.files().listBySession(session.id(), 0, 100).items())
                .allSatisfy(f -> assertThat(f.version()).isEqualTo(1))
                .allSatisfy(f -> assertThat(f.state()).isEqualTo(FileState.VERIFIED));
        assertThat(dir.resolve("incoming/grid2/movie 1.tiff")).doesNotExist();
        try (Stream<Path> copies = Files.list(storage.resolve("krios1/grid2"))) {
            assertThat(copies.map(p -> p.getFileName().toString()))
                    .as("recorded from the journal, not copied again").containsExactlyInAnyOrder("movie 1.tiff", "movie 1.mdoc", "aligned.mrc");
        }
        assertThat(cli("agent", "--once", "--config", config.toString()).exitCode()).isZero();
        assertThat(catalog.files().countBySession(session.id())).as("a third run adds nothing").isEqualTo(3);
    }

    @Test
    void refusedTokenOrUnknownStorageRootStopsTheAgentBeforeItTransfers(@TempDir Path dir) throws Exception {
        writeAcquisition(dir.resolve("incoming/grid3"));

        ConfigCommandTest.Run bogus = cli("agent", "--once", "--config",
                agentConfig(dir, url, "sf_not-a-token", "krios1", "t3-pc", "bulk").toString());
        assertThat(bogus.exitCode()).isEqualTo(2);
        assertThat(bogus.err()).startsWith("scopeflow agent: server " + url + " refused the agent token (401: ")
                .contains("'scopeflow user token NAME'").doesNotContain("\tat ");

        ConfigCommandTest.Run member = cli("agent", "--once", "--config",
                agentConfig(dir, url, memberToken, "krios1", "t3-pc", "bulk").toString());
        assertThat(member.exitCode()).isEqualTo(2);
        assertThat(member.err()).contains("does not let this token's account act as an agent (403: ")
                .contains("'scopeflow user add NAME --role agent'");

        ConfigCommandTest.Run root = cli("agent", "--once", "--config",
                agentConfig(dir, url, agentToken, "krios1", "t3-pc", "elsewhere").toString());
        assertThat(root.exitCode()).isEqualTo(2);
        assertThat(root.err()).contains("server.storage_roots: elsewhere is not a storage root of the server " + url
                + ", which has: bulk");

        assertThat(storage.resolve("krios1/grid3")).as("nothing transferred").doesNotExist();
        assertThat(dir.resolve("incoming/grid3/movie 1.tiff")).exists();
    }

    @Test
    void eventTheServerRefusesFailsThatFileWithTheServersReason(@TempDir Path dir) throws Exception {
        writeAcquisition(dir.resolve("incoming/grid4"));
        Path config = agentConfig(dir, url, agentToken, "krios9", "t4-pc", "bulk");

        ConfigCommandTest.Run run = cli("agent", "--once", "--retry-attempts", "1", "--config", config.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("grid4/movie 1.tiff: CATALOG_REJECTED: no instrument named 'krios9' on the server");
        assertThat(dir.resolve("incoming/grid4/movie 1.tiff")).as("a refused file is never cleaned up").exists();
        AgentStatus status = AgentStatus.read(new AgentConfigReader(Map.<String, String>of()::get).read(config), Clock.systemUTC());
        assertThat(status.watches().get(0).filesByState()).containsEntry("verified", 3L);
        assertThat(status.watches().get(0).failures().get("grid4/movie 1.tiff")).contains("no instrument named 'krios9'");
        JsonNode agent = agent("t4-pc");
        assertThat(agent.get("backlog_files").asLong()).as("heartbeat: files not yet catalogued").isEqualTo(3);
        assertThat(agent.get("backlog_bytes").asLong()).isPositive();
        assertThat(agent.get("last_error").asText()).startsWith("krios9: grid4/").contains("CATALOG_REJECTED: no instrument named 'krios9'");
    }

    @Test
    void batchesLargerThanTheServerTakesAreSplitAndATokenRevokedMidwayStopsTheAgent(@TempDir Path dir) throws Exception {
        ConfigCommandTest.Run token = cli("user", "token", "pc1", "--label", "revoked-later", "--config", facilityConfig.toString());
        AgentSettings settings = new AgentConfigReader(Map.<String, String>of()::get)
                .read(agentConfig(dir, url, token.out().trim(), "krios1", "t5-pc", "bulk"));
        List<LandedFile> many = new ArrayList<>();
        for (int i = 0; i < AgentApi.MAX_EVENTS_PER_BATCH + 200; i++) {
            many.add(landed("grid5/movie_" + i + ".tiff", i));
        }
        List<LandedFile> large = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            large.add(landed("grid5/" + "deep/".repeat(400) + "movie_" + i + ".tiff", i));
        }
        assertThat(large.stream().mapToLong(f -> f.relativePath().length()).sum()).as("more than one request body").isGreaterThan(1 << 20);
        AtomicBoolean stopped = new AtomicBoolean();
        try (ServerCatalogSink sink = (ServerCatalogSink) CatalogSinks.open(settings)) {
            sink.onFatal(() -> stopped.set(true));
            sink.record(many);
            sink.record(large);
            Session session = catalog.sessions().findByName(krios1, "grid5").orElseThrow();
            assertThat(catalog.files().countBySession(session.id())).isEqualTo(many.size() + large.size());

            AccountStore accounts = new AccountStore(catalog.jdbi(), catalog.clock());
            long pc1 = accounts.findByUsername("pc1").orElseThrow().userId();
            accounts.tokens(pc1).stream().filter(t -> t.name().equals("revoked-later"))
                    .forEach(t -> assertThat(accounts.revokeToken(pc1, t.id())).isTrue());
            assertThatThrownBy(() -> sink.record(many.subList(0, 1))).isInstanceOf(UserFacingException.class)
                    .hasMessageContaining("refused the agent token (401");
            assertThat(stopped).as("the running agent is told to stop").isTrue();
            assertThat(sink.fatalError()).isPresent();
        }
    }

    private LandedFile landed(String rel, int i) {
        return new LandedFile("krios1", "grid5", rel, 1, i, Map.of(ChecksumAlgorithm.SHA256, String.format("%064x", i)),
                Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T08:01:00Z"), storage.resolve("krios1"),
                storage.resolve("krios1/" + rel), List.of());
    }

    /** A movie, its SerialEM .mdoc and an aligned MRC; returns the movie's bytes. */
    private static byte[] writeAcquisition(Path session) throws IOException {
        Files.createDirectories(session);
        byte[] movie = ("frames of " + session.getFileName() + "…").repeat(1000).getBytes(StandardCharsets.UTF_8);
        Files.write(session.resolve("movie 1.tiff"), movie);
        Files.writeString(session.resolve("movie 1.mdoc"), """
                PixelSpacing = 1.06
                Voltage = 300
                [ZValue = 0]
                ExposureDose = 1.5
                """);
        MrcWriter.write(session.resolve("aligned.mrc"), List.of(FloatImage.zeros(64, 48), FloatImage.zeros(64, 48)),
                MrcWriteOptions.of(MrcMode.FLOAT32, 1.06));
        return movie;
    }

    private Path agentConfig(Path dir, String serverUrl, String token, String watch, String agentName, String rootName)
            throws IOException {
        return Files.writeString(dir.resolve("agent.yaml"), """
                state_dir: %s
                server:
                  url: "%s"
                  token: "%s"
                  agent_name: %s
                  storage_roots: {%s: %s}
                watches:
                  - name: %s
                    source: %s
                    destination: %s/krios1/{path}
                    session_pattern: '^(?<session>[^/]+)/'
                    include: ["**/*.tiff", "**/*.mdoc", "**/*.mrc"]
                    complete: {quiet_seconds: 0.2}
                    checksum: [xxh3-128, sha256]
                    after_transfer: delete
                """.formatted(dir.resolve("state"), serverUrl, token, agentName, rootName, storage, watch,
                dir.resolve("incoming"), storage));
    }

    private static ConfigCommandTest.Run cli(String... args) {
        return ConfigCommandTest.run(args);
    }

    private JsonNode agent(String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/agents"))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode a : json.readTree(r.body()).get("items")) {
            if (a.get("name").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("agent " + name + " is not registered: " + r.body());
    }

    private String text(MetadataOwner owner, long id, String key) {
        return catalog.metadata().get(owner, id, key).orElseThrow(() -> new AssertionError("no " + key)).textValue();
    }

    private static FileRecord file(List<FileRecord> files, String suffix) {
        return files.stream().filter(f -> f.relativePath().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
