package org.scopeflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.server.auth.Role;

/** After a rerun, the dashboard and the API count the current generation of each job, not the superseded one. */
class RerunViewTest {
    @Test
    void aFailureFixedByARerunNoLongerCountsAsFailed(@TempDir Path tmp) throws Exception {
        try (ServerFixture fx = new ServerFixture(tmp)) {
            String staff = fx.tokens.get(Role.STAFF);
            ObjectMapper json = new ObjectMapper();
            String pipelines = "/api/sessions/" + fx.ownSession + "/pipelines";
            JsonNode before = json.readTree(fx.get(pipelines, staff).body()).get("items").get(0).get("jobs");
            assertThat(before.get("failed").asLong()).isEqualTo(1);

            fx.catalog.jdbi().useHandle(h -> h.createUpdate("INSERT INTO pipeline_jobs (run_id, step_id, item_key, item_file_id, "
                            + "generation, state, attempt, max_attempts, executor, exit_code, created_at, updated_at, ended_at) "
                            + "SELECT run_id, step_id, item_key, item_file_id, 2, 'succeeded', 1, 1, 'local', 0, CURRENT_TIMESTAMP, "
                            + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM pipeline_jobs WHERE state = 'failed'").execute());

            JsonNode after = json.readTree(fx.get(pipelines, staff).body()).get("items").get(0).get("jobs");
            assertThat(after.has("failed")).as("%s", after).isFalse();
            assertThat(after.get("succeeded").asLong()).isEqualTo(2);
            String page = fx.get("/sessions/" + fx.ownSession, staff).body();
            assertThat(page).doesNotContain("power spectrum is flat");
            JsonNode history = json.readTree(fx.get("/api/sessions/" + fx.ownSession + "/jobs?state=failed", staff).body());
            assertThat(history.get("items")).as("the failed first generation stays in the history").hasSize(1);
        }
    }
}
