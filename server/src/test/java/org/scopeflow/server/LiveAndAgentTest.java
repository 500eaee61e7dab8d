package org.scopeflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.server.auth.Role;

/** Live events over SSE and the agent's register / heartbeat / file-events contract. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveAndAgentTest {
    @TempDir
    static Path tmp;
    ServerFixture fx;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        fx = new ServerFixture(tmp, 50);
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    @Test
    void eventStreamPushesNewFilesMetricsAndSummary() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(fx.base + "/api/sessions/" + fx.ownSession + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + fx.tokens.get(Role.MEMBER)).build();
        HttpResponse<InputStream> r = fx.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).startsWith(": session");
            fx.catalog.jdbi().useHandle(h -> h.createUpdate("UPDATE pipeline_jobs SET state = 'failed', stderr_tail = 'segfault', "
                    + "updated_at = CURRENT_TIMESTAMP + INTERVAL '1' SECOND WHERE state = 'succeeded'").execute());
            long file = fx.addMovie(fx.ownSession, 99);
            List<String> events = new ArrayList<>();
            String event = null;
            JsonNode summary = null;
            JsonNode job = null;
            long metrics = 0;
            while (summary == null || job == null || metrics < 6) {
                String line = in.readLine();
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                    events.add(event);
                } else if (line.startsWith("data: ") && "summary".equals(event)) {
                    summary = metrics == 6 ? json.readTree(line.substring(6)) : null;
                } else if (line.startsWith("data: ") && "job".equals(event)) {
                    job = json.readTree(line.substring(6));
                } else if (line.startsWith("data: ") && "metric".equals(event)) {
                    assertThat(json.readTree(line.substring(6)).get("file_id").asLong()).isEqualTo(file);
                    metrics++;
                }
            }
            assertThat(events).contains("file", "metric", "job");
            assertThat(job.get("state").asText()).isEqualTo("failed");
            assertThat(job.get("stderr_tail").asText()).isEqualTo("segfault");
            assertThat(summary.get("id").asLong()).isEqualTo(fx.ownSession);
        }
    }

    @Test
    void agentRegistersReportsFilesAndHeartbeats() throws Exception {
        String agent = fx.tokens.get(Role.AGENT);
        JsonNode reg = json.readTree(fx.send("POST", "/api/agents/register", agent,
                "{\"name\":\"krios-pc\",\"hostname\":\"pc1\",\"version\":\"0.1\",\"instrument\":\"krios-1\"}").body());
        long id = reg.get("id").asLong();
        String sha = "ab".repeat(32);
        String batch = "{\"events\":["
                + "{\"session\":\"grid-07\",\"relative_path\":\"Images/a.tiff\",\"size_bytes\":10,\"event\":\"registered\"},"
                + "{\"session\":\"grid-07\",\"relative_path\":\"Images/a.tiff\",\"size_bytes\":10,\"checksum_algorithm\":\"sha-256\","
                + "\"checksum_hex\":\"" + sha + "\",\"event\":\"landed\",\"storage_root\":\"default\"},"
                + "{\"session\":\"grid-07\",\"relative_path\":\"Images/b.tiff\",\"size_bytes\":10,\"event\":\"landed\",\"storage_root\":\"nowhere\","
                + "\"checksum_algorithm\":\"sha-256\",\"checksum_hex\":\"" + sha + "\"},"
                + "{\"session\":\"grid-07\",\"size_bytes\":10}]}";
        HttpResponse<String> r = fx.send("POST", "/api/agents/" + id + "/file-events", agent, batch);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = json.readTree(r.body()).get("results");
        assertThat(results.get(0).get("state").asText()).isEqualTo("registered");
        assertThat(results.get(1).get("state").asText()).isEqualTo("landed");
        assertThat(results.get(2).get("error").asText()).contains("nowhere");
        assertThat(results.get(3).get("error").asText()).contains("relative_path");
        // Resending the same batch after a lost answer changes nothing.
        JsonNode again = json.readTree(fx.send("POST", "/api/agents/" + id + "/file-events", agent, batch).body()).get("results");
        assertThat(again.get(1).get("file_id").asLong()).isEqualTo(results.get(1).get("file_id").asLong());
        assertThat(again.get(1).get("state").asText()).isEqualTo("landed");
        assertThat(fx.send("POST", "/api/agents/" + id + "/heartbeat", agent,
                "{\"backlog_files\":4,\"backlog_bytes\":4000,\"transfer_rate_bytes_per_second\":1.5e8}").statusCode()).isEqualTo(200);
        JsonNode agents = json.readTree(fx.get("/api/agents", fx.tokens.get(Role.STAFF)).body()).get("items");
        JsonNode krios = null;
        for (JsonNode a : agents) {
            krios = a.get("id").asLong() == id ? a : krios;
        }
        assertThat(krios.get("backlog_files").asLong()).isEqualTo(4);
        assertThat(krios.get("last_heartbeat_at").asText()).endsWith("Z");
        // The session dashboard shows the transfer status of its instrument's agents; the list shows the rate.
        long session = results.get(1).get("session_id").asLong();
        String html = fx.get("/sessions/" + session, fx.tokens.get(Role.STAFF)).body();
        assertThat(html).contains("<h2>Transfers</h2>").contains("krios-pc").contains("pc1").contains("143.1 MiB/s");
        assertThat(fx.get("/sessions", fx.tokens.get(Role.STAFF)).body()).contains("Rate /h");
        JsonNode summary = json.readTree(fx.get("/api/sessions/" + session + "/summary", fx.tokens.get(Role.STAFF)).body());
        assertThat(summary.get("session").get("movies_landed_last_hour").asLong()).isEqualTo(1);
    }

    @Test
    void agentEventsCarryInstrumentVersionChecksumsAndMetadata() throws Exception {
        String agent = fx.tokens.get(Role.AGENT);
        JsonNode reg = json.readTree(fx.send("POST", "/api/agents/register", agent, "{\"name\":\"multi-pc\"}").body());
        assertThat(reg.get("storage_roots")).extracting(JsonNode::asText).containsExactly("default");
        long id = reg.get("id").asLong();
        String sha1 = "c1".repeat(32);
        String sha2 = "c2".repeat(32);
        String event = "{\"session\":\"grid-09\",\"instrument\":\"krios-1\",\"relative_path\":\"grid-09/a.xml\",\"size_bytes\":5,"
                + "\"checksum_algorithm\":\"sha-256\",\"checksum_hex\":\"%s\",\"event\":\"verified\",\"storage_root\":\"default\",\"version\":%d,"
                + "\"checksums\":{\"sha-256\":\"%s\",\"xxh3-128\":\"%s\"},"
                + "\"metadata\":[{\"key\":\"pixel_size_angstrom\",\"value\":1.06,\"unit\":\"Å\"},{\"key\":\"detector\",\"text\":\"Falcon\"}],"
                + "\"session_metadata\":[{\"key\":\"pixel_size_angstrom\",\"value\":1.06,\"unit\":\"Å\"}]}";
        String batch = "{\"events\":[" + event.formatted(sha1, 1, sha1, "ee".repeat(16)) + ","
                + event.formatted(sha2, 2, sha2, "ff".repeat(16)) + ","
                + "{\"session\":\"grid-09\",\"instrument\":\"krios-9\",\"relative_path\":\"x.tiff\",\"size_bytes\":1}]}";
        for (int send = 0; send < 2; send++) {
            HttpResponse<String> r = fx.send("POST", "/api/agents/" + id + "/file-events", agent, batch);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode results = json.readTree(r.body()).get("results");
            assertThat(results.get(0).get("state").asText()).as(r.body()).isEqualTo("verified");
            assertThat(results.get(1).get("state").asText()).as(r.body()).isEqualTo("verified");
            assertThat(results.get(2).get("error").asText()).contains("no instrument named 'krios-9'");
        }
        var session = fx.catalog.sessions().findByName(fx.instrument, "grid-09").orElseThrow();
        var v1 = fx.catalog.files().findByPath(session.id(), "grid-09/a.xml", 1).orElseThrow();
        var v2 = fx.catalog.files().findByPath(session.id(), "grid-09/a.xml", 2).orElseThrow();
        assertThat(fx.catalog.files().countBySession(session.id())).as("a resent batch adds nothing").isEqualTo(2);
        assertThat(v1.checksum().hex()).isEqualTo(sha1);
        assertThat(v2.checksum().hex()).isEqualTo(sha2);
        assertThat(v2.storageRoot()).isEqualTo("default");
        assertThat(fx.catalog.metadata().get(MetadataOwner.FILE, v2.id(), "checksum_xxh3-128").orElseThrow().textValue())
                .isEqualTo("ff".repeat(16));
        MetadataValue pixel = fx.catalog.metadata().get(MetadataOwner.FILE, v1.id(), "pixel_size_angstrom").orElseThrow();
        assertThat(pixel.numericValue()).isEqualTo(1.06);
        assertThat(pixel.unit()).isEqualTo("Å");
        assertThat(fx.catalog.metadata().get(MetadataOwner.FILE, v1.id(), "detector").orElseThrow().textValue()).isEqualTo("Falcon");
        assertThat(fx.catalog.metadata().get(MetadataOwner.SESSION, session.id(), "pixel_size_angstrom").orElseThrow().numericValue())
                .isEqualTo(1.06);
    }

    @Test
    void badEventsAreRefusedOneByOneWithTheReason() throws Exception {
        String agent = fx.tokens.get(Role.AGENT);
        long id = json.readTree(fx.send("POST", "/api/agents/register", agent, "{\"name\":\"bad-pc\",\"instrument\":\"krios-1\"}").body())
                .get("id").asLong();
        String batch = "{\"events\":["
                + "{\"session\":\"grid-10\",\"relative_path\":\"a.tiff\",\"size_bytes\":1,\"event\":\"copied\"},"
                + "{\"session\":\"grid-10\",\"relative_path\":\"b.tiff\",\"size_bytes\":1,\"version\":0},"
                + "{\"session\":\"grid-10\",\"relative_path\":\"c.tiff\",\"size_bytes\":1,\"metadata\":[{\"key\":\"k\",\"value\":1,\"text\":\"x\"}]},"
                + "null]}";
        HttpResponse<String> r = fx.send("POST", "/api/agents/" + id + "/file-events", agent, batch);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode results = json.readTree(r.body()).get("results");
        assertThat(results.get(0).get("error").asText()).contains("'copied' is not 'registered', 'landed' or 'verified'");
        assertThat(results.get(1).get("error").asText()).contains("version 0");
        assertThat(results.get(2).get("error").asText()).contains("exactly one of a numeric and a text value");
        assertThat(results.get(3).get("error").asText()).contains("null");
        assertThat(fx.catalog.sessions().findByName(fx.instrument, "grid-10")).as("refused events write nothing").isEmpty();
    }

    @Test
    void metricsEndpointPagesByMetadataId() throws Exception {
        fx.catalog.metadata().put(MetadataValue.numeric(MetadataOwner.FILE, fx.ownFiles.get(2), "pick.particle_count", 7, null));
        JsonNode page = json.readTree(fx.get("/api/sessions/" + fx.ownSession + "/metrics?keys=pick.particle_count&limit=3",
                fx.tokens.get(Role.MEMBER)).body());
        assertThat(page.get("items")).hasSize(3);
        assertThat(page.get("items").get(0).get("key").asText()).isEqualTo("pick.particle_count");
        assertThat(page.get("next_cursor").asText()).isNotEmpty();
    }
}
