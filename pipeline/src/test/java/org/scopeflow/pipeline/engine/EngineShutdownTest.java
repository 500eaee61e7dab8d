package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.pipeline.exec.ExecutionRequest;
import org.scopeflow.pipeline.exec.ExecutionStatus;
import org.scopeflow.pipeline.exec.StepExecutor;

/**
 * Ctrl-C while the engine is mid-pass: the embedded database closes with the JVM and the pass fails. That is
 * the process stopping, not an error: one line, no stack trace (in a separate JVM, as the demo and server run).
 */
class EngineShutdownTest {
    @Test
    void aPassCutShortByTheProcessStoppingIsOneLineNotAnError(@TempDir Path dir) throws Exception {
        assertThat(PipelineEngine.jvmShuttingDown()).isFalse();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StopMidPass.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // the pass fails on our stalled executor or on H2, which closes its database at exit too: either way, one line
        assertThat(out).as(out).contains("pass stopped by the process shutting down (")
                .doesNotContain("ERROR").doesNotContain("\tat ");
    }

    /** An engine whose executor answers a status query only once the JVM is stopping, and then fails as a closed database would. */
    public static final class StopMidPass {
        public static void main(String[] args) throws Exception {
            EngineFixture fx = EngineFixture.h2(Path.of(args[0]));
            fx.addFile("m1.dat", "x");
            StepExecutor stalled = new StepExecutor() {
                @Override
                public String name() {
                    return "slurm";
                }

                @Override
                public void validate(ExecutionRequest r) {
                }

                @Override
                public String submit(ExecutionRequest r) {
                    return "42";
                }

                @Override
                public ExecutionStatus status(String id) {
                    while (!PipelineEngine.jvmShuttingDown()) {
                        Thread.onSpinWait();
                    }
                    throw new IllegalStateException("the catalog is closed");
                }

                @Override
                public void cancel(String id) {
                }

                @Override
                public boolean survivesRestart() {
                    return true;
                }
            };
            PipelineEngine engine = fx.engine("stopping", Map.of("slurm", stalled));
            engine.attach(fx.sessionId, """
                    name: stop
                    steps:
                      - id: work
                        command: "true"
                        inputs: "*.dat"
                        executor: slurm
                    """, fx.input, fx.work);
            engine.start();
            while (fx.rows("SELECT external_id FROM pipeline_jobs WHERE external_id IS NOT NULL").isEmpty()) {
                Thread.sleep(20);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(1000); // the engine's loop sees the failure meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            System.exit(0);
        }
    }
}
