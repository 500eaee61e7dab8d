package org.scopeflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.server.auth.Role;

/** Scientists take their data home: a file's bytes by id, session data and pipeline outputs alike, never outside the roots. */
class FileContentTest {
    @Test
    void sessionFilesAndPipelineOutputsDownloadAndOutputsOutsideTheRootsDoNot(@TempDir Path tmp) throws Exception {
        try (ServerFixture fx = new ServerFixture(tmp)) {
            String member = fx.tokens.get(Role.MEMBER);
            var movie = fx.get("/api/files/" + fx.ownFiles.get(2) + "/content", member);
            assertThat(movie.statusCode()).isEqualTo(200);
            assertThat(movie.body()).isEqualTo("movie 2");
            assertThat(movie.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"movie_00002.tiff\"");

            // the server's engine works in <storage root>/processing/<session>; outputs are registered as <pipeline>/<path there>
            Path work = Files.createDirectories(fx.storage.resolve("processing/grid-01/motion/file-7"));
            Files.writeString(work.resolve("aligned.mrc"), "aligned sum");
            long inside = output(fx, "spa", fx.storage.resolve("processing/grid-01"), "spa/motion/file-7/aligned.mrc");
            var out = fx.get("/api/files/" + inside + "/content", member);
            assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
            assertThat(out.body()).isEqualTo("aligned sum");

            Path elsewhere = Files.createDirectories(tmp.resolve("batch-work/ctf"));
            Files.writeString(elsewhere.resolve("fit.star"), "secret");
            long outside = output(fx, "batch", tmp.resolve("batch-work"), "batch/ctf/fit.star");
            var refused = fx.get("/api/files/" + outside + "/content", member);
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(refused.body()).contains("is not under any storage root").doesNotContain("secret");
        }
    }

    private static long output(ServerFixture fx, String pipeline, Path workRoot, String relativePath) {
        return fx.catalog.jdbi().withHandle(h -> {
            h.createUpdate("INSERT INTO pipeline_runs (session_id, pipeline_name, spec_yaml, input_root, work_root, state, created_at) "
                    + "VALUES (:s, :n, 'steps: []', '/in', :w, 'open', CURRENT_TIMESTAMP)")
                    .bind("s", fx.ownSession).bind("n", pipeline).bind("w", workRoot.toString()).execute();
            return new org.scopeflow.pipeline.engine.SessionCatalog(fx.catalog.jdbi(), java.time.Clock.systemUTC())
                    .registerFile(fx.ownSession, "pipeline", relativePath, 11, "sha256", "00");
        });
    }
}
