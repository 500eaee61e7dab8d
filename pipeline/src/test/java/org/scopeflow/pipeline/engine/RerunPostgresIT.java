package org.scopeflow.pipeline.engine;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RerunTest}'s scenario on a real PostgreSQL 15 ({@code SCOPEFLOW_TEST_PG_URL}, started by
 * scripts/postgres.sh): migration V12 and the generation queries there, for per-item and for batch and final steps. Skipped without it unless CI=true.
 */
class RerunPostgresIT {
    @Test
    void rerunKeepsOldOutputsUsesNewParametersAndMakesItsMetricsCurrentOnPostgres(@TempDir Path dir) throws Exception {
        try (EngineFixture fx = new EngineFixture(dir, TwoEnginesIT.postgres(), "rerun-" + UUID.randomUUID())) {
            RerunTest.scenario(fx);
        }
    }

    @Test
    void batchAndFinalStepsAreRerunWholeOnPostgres(@TempDir Path dir) throws Exception {
        try (EngineFixture fx = new EngineFixture(dir, TwoEnginesIT.postgres(), "rerun-batches-" + UUID.randomUUID())) {
            RerunTest.batchScenario(fx);
        }
    }
}
