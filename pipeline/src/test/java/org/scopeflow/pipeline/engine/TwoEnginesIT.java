package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.job.PipelineRun;

/**
 * Two engines, each with its own connection pool, on one PostgreSQL (start one with
 * {@code scripts/postgres.sh start DIR} and export SCOPEFLOW_TEST_PG_URL): each job runs exactly once.
 */
class TwoEnginesIT {
    @TempDir
    Path dir;

    static CatalogSettings postgres() {
        String url = System.getenv("SCOPEFLOW_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            String how = "SCOPEFLOW_TEST_PG_URL is not set; run `eval \"$(scripts/postgres.sh start /tmp/sf-pg)\"`";
            if ("true".equals(System.getenv("CI"))) {
                fail(how);
            }
            assumeTrue(false, how);
        }
        return new CatalogSettings(url, "", "", 8);
    }

    @Test
    void twoEnginesSharingOnePostgresRunEachJobOnce() throws Exception {
        CatalogSettings pg = postgres();
        int items = 20;
        Path log = dir.resolve("runs.log");
        try (EngineFixture a = new EngineFixture(dir.resolve("a"), pg, "two-engines-" + UUID.randomUUID());
             EngineFixture b = new EngineFixture(dir.resolve("b"), pg, "unused-" + UUID.randomUUID())) {
            for (int i = 0; i < items; i++) {
                a.addFile("m" + i + ".dat", "x");
            }
            String yaml = """
                    name: once
                    steps:
                      - id: touch
                        command: "echo {item} >> %s; echo ok > {output_dir}/ok.txt"
                        inputs: "*.dat"
                        outputs: [ok.txt]
                    """.formatted(log);
            LocalExecutor localA = a.local(2);
            LocalExecutor localB = b.local(2);
            PipelineEngine engineA = a.engine("engine-a", Map.of("local", localA));
            PipelineEngine engineB = b.engine("engine-b", Map.of("local", localB));
            PipelineRun run = engineA.attach(a.sessionId, yaml, a.input, a.work);
            engineB.attach(a.sessionId, yaml, a.input, a.work);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Boolean> fa = pool.submit(() -> engineA.runUntilIdle(Duration.ofMinutes(3)));
            Future<Boolean> fb = pool.submit(() -> engineB.runUntilIdle(Duration.ofMinutes(3)));
            assertThat(fa.get()).isTrue();
            assertThat(fb.get()).isTrue();
            pool.shutdown();
            localA.close();
            localB.close();

            List<String> lines = Files.readAllLines(log);
            assertThat(lines).hasSize(items).doesNotHaveDuplicates();
            assertThat(a.rows("SELECT COUNT(*) AS n FROM pipeline_jobs WHERE run_id = ? AND state = 'succeeded' AND attempt = 1",
                    run.id()).get(0).get("n")).isEqualTo((long) items);
            assertThat(a.rows("SELECT COUNT(*) AS n FROM pipeline_job_attempts a JOIN pipeline_jobs j ON a.job_id = j.id "
                    + "WHERE j.run_id = ?", run.id()).get(0).get("n")).isEqualTo((long) items);
        }
    }
}
