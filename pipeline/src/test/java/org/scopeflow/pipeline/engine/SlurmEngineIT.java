package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.exec.ExecutionRequest;
import org.scopeflow.pipeline.exec.ExecutorException;
import org.scopeflow.pipeline.exec.SlurmAvailability;
import org.scopeflow.pipeline.exec.SlurmCli;
import org.scopeflow.pipeline.exec.SlurmExecutor;
import org.scopeflow.pipeline.exec.StepExecutor;
import org.scopeflow.pipeline.job.PipelineRun;

/**
 * The engine on a real Slurm (scripts/slurm.sh start): restart re-adopts (also a job whose id its engine
 * never recorded), limits are checked, outside cancels seen.
 */
class SlurmEngineIT {
    @TempDir
    Path dir;
    EngineFixture fx;

    @BeforeAll
    static void requireSlurm() {
        SlurmAvailability.require();
    }

    @BeforeEach
    void setUp() throws Exception {
        fx = EngineFixture.h2(dir);
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    PipelineEngine engine(String id) {
        return fx.engine(id, Map.of("slurm", new SlurmExecutor(new SlurmCli(30))));
    }

    @Test
    void restartedEngineReadoptsRunningSlurmJobsInsteadOfResubmitting() throws Exception {
        for (int i = 1; i <= 3; i++) {
            fx.addFile("m" + i + ".dat", "x");
        }
        Path log = dir.resolve("runs.log");
        String yaml = """
                name: slurm-restart
                steps:
                  - id: work
                    command: "sleep 4; echo ok > {output_dir}/ok.txt; echo done-{item} >> %s"
                    inputs: "*.dat"
                    outputs: [ok.txt]
                    executor: slurm
                    resources: {cpus: 1, memory_mb: 100, time_limit_minutes: 5}
                """.formatted(log);
        PipelineEngine a = engine("engine-a");
        PipelineRun run = a.attach(fx.sessionId, yaml, fx.input, fx.work);
        while (slurmIds(run).size() < 3) {
            a.pass();
        }
        List<String> submittedByA = slurmIds(run);
        // engine A is killed here: it never polls again

        fx.clock.advance(Duration.ofMinutes(2));
        PipelineEngine b = engine("engine-b");
        assertThat(b.runUntilIdle(Duration.ofMinutes(3))).isTrue();

        assertThat(slurmIds(run)).isEqualTo(submittedByA);
        assertThat(fx.rows("SELECT state, attempt FROM pipeline_jobs WHERE run_id = ?", run.id()))
                .allSatisfy(r -> assertThat(r).containsEntry("state", "succeeded").containsEntry("attempt", 1));
        assertThat(Files.readAllLines(log)).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void restartedEngineAdoptsTheSlurmJobItsPredecessorSubmittedButNeverRecorded() throws Exception {
        fx.addFile("m1.dat", "x");
        Path log = dir.resolve("runs.log");
        String yaml = """
                name: slurm-unrecorded
                steps:
                  - id: work
                    command: "sleep 3; echo ok > {output_dir}/ok.txt; echo ran >> %s"
                    inputs: "*.dat"
                    outputs: [ok.txt]
                    executor: slurm
                    resources: {cpus: 1, memory_mb: 100, time_limit_minutes: 5}
                """.formatted(log);
        // engine A's executor: sbatch runs, then the engine "dies" before it records the job id
        SlurmExecutor slurm = new SlurmExecutor(new SlurmCli(30));
        List<String> sbatched = new java.util.concurrent.CopyOnWriteArrayList<>();
        var submitted = new java.util.concurrent.CountDownLatch(1);
        var never = new java.util.concurrent.CountDownLatch(1);
        StepExecutor dying = new DelegatingExecutor(slurm) {
            @Override
            public String submit(ExecutionRequest r) {
                sbatched.add(slurm.submit(r));
                submitted.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ExecutorException(r.name(), "engine A is gone");
            }
        };
        PipelineEngine a = fx.engine("engine-a", Map.of("slurm", dying));
        PipelineRun run = a.attach(fx.sessionId, yaml, fx.input, fx.work);
        Thread engineA = new Thread(a::pass, "engine-a");
        engineA.setDaemon(true);
        engineA.start();
        assertThat(submitted.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(slurmIds(run)).as("the id was never recorded").isEmpty();

        fx.clock.advance(Duration.ofMinutes(2));
        PipelineEngine b = engine("engine-b");
        assertThat(b.runUntilIdle(Duration.ofMinutes(3))).isTrue();

        assertThat(slurmIds(run)).as("B follows A's Slurm job").isEqualTo(sbatched);
        assertThat(fx.rows("SELECT state, attempt, command_line FROM pipeline_jobs WHERE run_id = ?", run.id()))
                .singleElement().satisfies(r -> {
                    assertThat(r).containsEntry("state", "succeeded").containsEntry("attempt", 1);
                    assertThat((String) r.get("command_line")).contains("sleep 3");
                });
        assertThat(Files.readAllLines(log)).as("the work ran once").containsExactly("ran");
    }

    @Test
    void requestLargerThanThePartitionFailsBeforeSubmissionWithTheLimit() throws Exception {
        fx.addFile("m1.dat", "x");
        String yaml = """
                name: too-big
                steps:
                  - id: huge
                    command: "true"
                    inputs: "*.dat"
                    executor: slurm
                    resources: {cpus: 1024}
                """;
        PipelineEngine e = engine("e");
        e.attach(fx.sessionId, yaml, fx.input, fx.work);
        assertThat(e.runUntilIdle(Duration.ofMinutes(1))).isTrue();
        var job = fx.rows("SELECT state, external_id, failure_reason FROM pipeline_jobs").get(0);
        assertThat(job.get("state")).isEqualTo("failed");
        assertThat(job.get("external_id")).isNull();
        assertThat((String) job.get("failure_reason")).contains("resources.cpus 1024 exceeds partition")
                .contains("lower resources.cpus to");
    }

    @Test
    void jobCancelledOutsideScopeflowIsRecordedAsCancelled() throws Exception {
        fx.addFile("m1.dat", "x");
        String yaml = """
                name: cancelled
                steps:
                  - id: long
                    command: "sleep 600"
                    inputs: "*.dat"
                    executor: slurm
                    resources: {memory_mb: 100}
                """;
        PipelineEngine e = engine("e");
        PipelineRun run = e.attach(fx.sessionId, yaml, fx.input, fx.work);
        while (slurmIds(run).isEmpty()) {
            e.pass();
        }
        new SlurmCli(30).run(List.of("scancel", slurmIds(run).get(0)));
        assertThat(e.runUntilIdle(Duration.ofMinutes(2))).isTrue();
        var job = fx.rows("SELECT state, failure_reason FROM pipeline_jobs").get(0);
        assertThat(job.get("state")).isEqualTo("cancelled");
        assertThat((String) job.get("failure_reason")).contains("was cancelled outside Scopeflow");
    }

    @Test
    void relionAutopickRunsThroughSlurmAndRecordsTheParticleCount() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(!RelionAutopickAdapter.installedVersion().isEmpty()
                || "true".equals(System.getenv("CI")), "RELION is not installed (apt-get install relion)");
        writeMicrograph(fx.input.resolve("mic1.mrc"), 7);
        fx.sessions.registerFile(fx.sessionId, "", "mic1.mrc", Files.size(fx.input.resolve("mic1.mrc")), null, null);
        String yaml = """
                name: relion-pick
                steps:
                  - id: autopick
                    uses: relion:autopick
                    inputs: "*.mrc"
                    executor: slurm
                    parameters: {log_diam_min_angstrom: 60, log_diam_max_angstrom: 120}
                    resources: {memory_mb: 1000, time_limit_minutes: 10}
                """;
        var adapters = new StepAdapters().register(org.scopeflow.pipeline.spec.StepTool.Kind.RELION, "autopick",
                new RelionAutopickAdapter(RelionAutopickAdapter.installedVersion()));
        PipelineEngine e = fx.engine("e", Map.of("slurm", new SlurmExecutor(new SlurmCli(30))), adapters);
        e.attach(fx.sessionId, yaml, fx.input, fx.work);
        assertThat(e.runUntilIdle(Duration.ofMinutes(3))).isTrue();
        var job = fx.rows("SELECT state, failure_reason, tool_name, tool_version, item_file_id FROM pipeline_jobs").get(0);
        assertThat(job.get("state")).as("%s", job.get("failure_reason")).isEqualTo("succeeded");
        assertThat(job.get("tool_name")).isEqualTo("relion_autopick");
        assertThat((String) job.get("tool_version")).startsWith("RELION version: 3.");
        Metric count = fx.sessions.metricsWithUnits((Long) job.get("item_file_id")).get("autopick.particle_count");
        assertThat(count.unit()).isEqualTo("count");
        assertThat(count.value()).isGreaterThan(0);
    }

    /** A 512² micrograph at 1.5 Å/px: noise and dark round particles of ~90 Å at seeded positions. */
    static void writeMicrograph(Path file, long seed) throws Exception {
        int n = 512;
        java.util.Random random = new java.util.Random(seed);
        float[] px = new float[n * n];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) random.nextGaussian() * 0.3f;
        }
        for (int k = 0; k < 20; k++) {
            int cx = 40 + random.nextInt(n - 80);
            int cy = 40 + random.nextInt(n - 80);
            for (int y = Math.max(0, cy - 40); y < Math.min(n, cy + 40); y++) {
                for (int x = Math.max(0, cx - 40); x < Math.min(n, cx + 40); x++) {
                    double r2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    px[y * n + x] -= (float) Math.exp(-r2 / (2 * 15.0 * 15.0));
                }
            }
        }
        org.scopeflow.imaging.mrc.MrcWriter.write(file, List.of(new org.scopeflow.imaging.image.FloatImage(n, n, px)),
                org.scopeflow.imaging.mrc.MrcWriteOptions.of(org.scopeflow.imaging.mrc.MrcMode.FLOAT32, 1.5));
    }

    List<String> slurmIds(PipelineRun run) {
        return fx.rows("SELECT external_id FROM pipeline_jobs WHERE run_id = ? AND external_id IS NOT NULL ORDER BY id", run.id())
                .stream().map(r -> (String) r.get("external_id")).toList();
    }
}
