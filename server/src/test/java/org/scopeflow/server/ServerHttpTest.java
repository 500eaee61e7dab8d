package org.scopeflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.server.auth.Role;

/** The server over real HTTP: problem responses, pagination, JSON conventions, start-up errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerHttpTest {
    @TempDir
    static Path tmp;
    ServerFixture fx;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    void start() throws Exception {
        fx = new ServerFixture(tmp);
    }

    @AfterAll
    void stop() {
        fx.close();
    }

    JsonNode problem(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = json.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        return body;
    }

    @Test
    void healthIsPublic() throws Exception {
        HttpResponse<String> r = fx.get("/api/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() throws Exception {
        assertThat(problem(fx.get("/api/nothing-here", fx.tokens.get(Role.ADMIN)), 404).get("detail").asText()).contains("/api/nothing-here");
        problem(fx.send("DELETE", "/api/health", null, null), 405);
    }

    @Test
    void unknownIdAndMalformedIdAreProblems() throws Exception {
        String staff = fx.tokens.get(Role.STAFF);
        assertThat(problem(fx.get("/api/sessions/999999", staff), 404).get("detail").asText()).contains("999999");
        assertThat(problem(fx.get("/api/sessions/abc", staff), 400).get("detail").asText()).contains("abc");
        problem(fx.get("/api/files/0", staff), 400);
    }

    @Test
    void malformedJsonIsAProblemNamingTheLocation() throws Exception {
        String staff = fx.tokens.get(Role.STAFF);
        JsonNode p = problem(fx.send("POST", "/api/projects", staff, "{\"name\": \"x\""), 400);
        assertThat(p.get("detail").asText()).contains("not valid JSON").contains("line 1");
        assertThat(problem(fx.send("POST", "/api/projects", staff, "{\"nmae\": \"x\"}"), 400).get("detail").asText()).contains("nmae").contains("name");
        assertThat(problem(fx.send("POST", "/api/projects", staff, "{\"name\": [1]}"), 400).get("detail").asText()).contains("name");
        problem(fx.send("POST", "/api/projects", staff, ""), 400);
    }

    @Test
    void oversizedBodyIsRefused() throws Exception {
        String big = "{\"name\": \"" + "x".repeat(2_000_000) + "\"}";
        problem(fx.send("POST", "/api/projects", fx.tokens.get(Role.STAFF), big), 413);
    }

    @Test
    void badPaginationParametersAreProblems() throws Exception {
        String staff = fx.tokens.get(Role.STAFF);
        assertThat(problem(fx.get("/api/sessions?limit=0", staff), 400).get("detail").asText()).contains("limit '0'");
        problem(fx.get("/api/sessions?limit=abc", staff), 400);
        problem(fx.get("/api/sessions?limit=1001", staff), 400);
        assertThat(problem(fx.get("/api/sessions?cursor=-5", staff), 400).get("detail").asText()).contains("cursor");
    }

    @Test
    void paginationWalksEveryRowOnce() throws Exception {
        String staff = fx.tokens.get(Role.STAFF);
        JsonNode first = json.readTree(fx.get("/api/sessions/" + fx.ownSession + "/files?limit=2", staff).body());
        assertThat(first.get("items")).hasSize(2);
        int seen = 2;
        String cursor = first.get("next_cursor").asText();
        while (cursor != null) {
            JsonNode page = json.readTree(fx.get("/api/sessions/" + fx.ownSession + "/files?limit=2&cursor=" + cursor, staff).body());
            seen += page.get("items").size();
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        }
        assertThat(seen).isEqualTo(5);
    }

    @Test
    void staffAttachPipelinesToASessionAndInvalidOnesAreProblemsListingEveryError() throws Exception {
        String staff = fx.tokens.get(Role.STAFF);
        String path = "/api/sessions/" + fx.otherSession + "/pipelines";
        HttpResponse<String> bad = fx.send("POST", path, staff, "{\"yaml\":\"name: x\\nsteps:\\n  - id: a\\n    uses: builtin:nope\\n    needs: [b]\\n\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("invalid pipeline").contains("steps[0].uses").contains("steps[0].needs");
        assertThat(fx.send("POST", path, staff, "{\"template\":\"nope\"}").body()).contains("no pipeline template 'nope'; known:");
        assertThat(fx.send("POST", path, staff, "{}").body()).contains("give exactly one of 'template'");
        assertThat(fx.send("POST", path, staff, "{\"template\":\"light-sheet\",\"storage_root\":\"tape\"}").body())
                .contains("storage_root 'tape' is not configured");

        HttpResponse<String> attached = fx.send("POST", path, staff, "{\"template\":\"light-sheet\"}");
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        JsonNode run = json.readTree(attached.body());
        assertThat(run.get("pipeline_name").asText()).isEqualTo("light-sheet");
        assertThat(run.get("work_root").asText()).endsWith("/processing/grid-02");
        assertThat(fx.send("POST", path, staff, "{\"template\":\"light-sheet\"}").statusCode()).as("attaching again is idempotent").isEqualTo(200);
        JsonNode list = json.readTree(fx.get(path, staff).body());
        assertThat(list.get("items")).hasSize(1);
    }

    @Test
    void jsonIsSnakeCaseWithUnitsAndUtcTimes() throws Exception {
        JsonNode file = json.readTree(fx.get("/api/files/" + fx.ownFiles.get(0), fx.tokens.get(Role.STAFF)).body());
        assertThat(file.get("file").get("size_bytes").asLong()).isEqualTo(1_000_000L);
        assertThat(file.get("file").get("landed_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(file.get("file").get("state").asText()).isEqualTo("landed");
        JsonNode summary = json.readTree(fx.get("/api/sessions/" + fx.ownSession + "/summary", fx.tokens.get(Role.STAFF)).body());
        assertThat(summary.get("session").get("movies_landed").asLong()).isEqualTo(5);
        assertThat(summary.get("session").get("movies_processed").asLong()).isEqualTo(5);
        JsonNode defocus = summary.get("metrics").findParent("key");
        assertThat(summary.get("metrics")).anySatisfy(m -> {
            assertThat(m.get("key").asText()).isEqualTo("ctf.defocus_u_angstrom");
            assertThat(m.get("mean").asDouble()).isEqualTo(15_200.0);
            assertThat(m.get("unit").asText()).isEqualTo("Å");
        });
        assertThat(defocus).isNotNull();
    }

    @Test
    void jobsListShowsFailuresWithStderrAndRejectsUnknownStates() throws Exception {
        String member = fx.tokens.get(Role.MEMBER);
        JsonNode failed = json.readTree(fx.get("/api/sessions/" + fx.ownSession + "/jobs?state=failed", member).body());
        assertThat(failed.get("items")).hasSize(1);
        assertThat(failed.get("items").get(0).get("stderr_tail").asText()).contains("power spectrum is flat");
        assertThat(failed.get("items").get(0).get("exit_code").asInt()).isEqualTo(3);
        assertThat(problem(fx.get("/api/sessions/" + fx.ownSession + "/jobs?state=broken", member), 400).get("detail").asText())
                .contains("broken").contains("failed");
    }

    @Test
    void portInUseIsReportedClearly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            ScopeflowServer second = ScopeflowServer.create(ServerSettings.of(port, Map.of()), fx.catalog);
            assertThatThrownBy(second::start).isInstanceOf(ServerStartException.class)
                    .hasMessage("Port " + port + " is already in use; stop the other process or pass --port");
        }
    }

    @Test
    void unexpectedFailureAnswersWithErrorIdOnly() throws Exception {
        // A metric key the catalog cannot hold (over 200 characters in a value write) is a 400, not a 500.
        String staff = fx.tokens.get(Role.STAFF);
        String body = "{\"values\": [{\"key\": \"" + "k".repeat(300) + "\", \"value\": 1.0}]}";
        problem(fx.send("PUT", "/api/files/" + fx.ownFiles.get(1) + "/metadata", staff, body), 400);
    }
}
