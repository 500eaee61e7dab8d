package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.job.Job;
import org.scopeflow.pipeline.job.JobState;
import org.scopeflow.pipeline.spec.PipelineParser;
import org.scopeflow.pipeline.spec.StepSpec;

class CommandStepAdapterTest {
    @TempDir
    Path dir;

    @Test
    void aCommandStepGetsItsResourcesAsPlaceholdersMpiRanksIncluded() throws Exception {
        StepSpec step = new PipelineParser().parse("""
                name: t
                steps:
                  - id: refine
                    command: "mpirun -n {mpi_ranks} my_refine_mpi --threads {cpus} --in {input} --out {output_dir}"
                    inputs: "*.star"
                    resources: {cpus: 2, mpi_ranks: 3, memory_mb: 4000}
                """, "test").requireStep("refine");
        Job job = new Job(1, 1, "refine", "file:12", 12L, 1, JobState.SUBMITTED, 1, 1, "local", "e", null, null, null);
        Path in = Files.writeString(dir.resolve("particles.star"), "p");
        StepContext c = new StepContext(job, step, 1, "f12-particles", List.of(in), Files.createDirectories(dir.resolve("out")));

        assertThat(CommandStepAdapter.values(c)).containsEntry("mpi_ranks", "3").containsEntry("cpus", "2")
                .containsEntry("memory_mb", "4000");
    }
}
