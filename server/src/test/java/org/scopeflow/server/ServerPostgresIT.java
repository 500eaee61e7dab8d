package org.scopeflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.testing.PostgresTestDatabase;
import org.scopeflow.server.auth.Role;

/**
 * The server's schema (V20) and queries on a real PostgreSQL 15 ({@code SCOPEFLOW_TEST_PG_URL},
 * started by scripts/postgres.sh); skipped without it unless CI=true.
 */
class ServerPostgresIT {
    final ObjectMapper json = new ObjectMapper();

    @Test
    void accountsSummariesMetricsAndAgentsWorkOnPostgres(@TempDir Path tmp) throws Exception {
        PostgresTestDatabase.requireConfigured();
        try (PostgresTestDatabase db = PostgresTestDatabase.create(); ServerFixture fx = new ServerFixture(tmp, 1000, db.settings())) {
            String member = fx.tokens.get(Role.MEMBER);
            JsonNode summary = json.readTree(fx.get("/api/sessions/" + fx.ownSession + "/summary", member).body());
            assertThat(summary.get("session").get("movies_landed").asLong()).isEqualTo(5);
            assertThat(summary.get("metrics")).hasSize(6);
            JsonNode sessions = json.readTree(fx.get("/api/sessions", member).body());
            assertThat(sessions.get("items")).hasSize(1);
            assertThat(fx.get("/api/sessions/" + fx.otherSession, member).statusCode()).isEqualTo(404);
            JsonNode metrics = json.readTree(fx.get("/api/sessions/" + fx.ownSession + "/metrics?limit=4", member).body());
            assertThat(metrics.get("items")).hasSize(4);
            assertThat(fx.send("POST", "/api/login", null, "{\"username\":\"staff1\",\"password\":\"" + ServerFixture.PASSWORD + "\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(fx.send("POST", "/api/sessions/" + fx.ownSession + "/comments", member, "{\"body\":\"ok\"}").statusCode()).isEqualTo(201);
            String agent = fx.tokens.get(Role.AGENT);
            long id = json.readTree(fx.send("POST", "/api/agents/register", agent, "{\"name\":\"pc\",\"instrument\":\"krios-1\"}").body()).get("id").asLong();
            JsonNode r = json.readTree(fx.send("POST", "/api/agents/" + id + "/file-events", agent,
                    "{\"events\":[{\"session\":\"grid-09\",\"relative_path\":\"a.tiff\",\"size_bytes\":1}]}").body());
            assertThat(r.get("results").get(0).get("state").asText()).isEqualTo("registered");
            assertThat(fx.send("POST", "/api/agents/" + id + "/heartbeat", agent, "{\"backlog_files\":1}").statusCode()).isEqualTo(200);
        }
    }
}
