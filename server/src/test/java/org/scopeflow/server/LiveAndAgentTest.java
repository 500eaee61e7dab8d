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
        assertThat(agents.get(0).get("backlog_files").asLong()).isEqualTo(4);
        assertThat(agents.get(0).get("last_heartbeat_at").asText()).endsWith("Z");
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
