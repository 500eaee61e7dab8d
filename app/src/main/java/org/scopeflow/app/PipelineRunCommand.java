package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.pipeline.engine.EngineSettings;
import org.scopeflow.pipeline.engine.PipelineEngine;
import org.scopeflow.pipeline.engine.SessionCatalog;
import org.scopeflow.pipeline.engine.QcCommandAdapter;
import org.scopeflow.pipeline.engine.RelionAdapters;
import org.scopeflow.pipeline.engine.StepAdapters;
import org.scopeflow.pipeline.spec.CommandTemplate;
import org.scopeflow.pipeline.spec.StepTool;
import org.scopeflow.pipeline.exec.LocalCapacity;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.exec.SlurmCli;
import org.scopeflow.pipeline.exec.SlurmExecutor;
import org.scopeflow.pipeline.exec.StepExecutor;
import org.scopeflow.pipeline.job.PipelineRun;
import org.scopeflow.pipeline.spec.ExecutorChoice;
import org.scopeflow.pipeline.spec.PipelineParser;
import org.scopeflow.pipeline.spec.PipelineSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code scopeflow pipeline run FILE --input DIR}: batch mode. Catalogues the files under DIR as one
 * session, runs the pipeline over all of them to the end (final steps included) with the same engine
 * the server streams with, and lists what failed. Rerunning resumes: finished jobs are not redone.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a pipeline over existing data (batch mode). Exit 0 when every job succeeded or was skipped "
                + "by its condition, 1 when some failed (listed), 2 for an invalid pipeline or option.")
public final class PipelineRunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Pipeline YAML.")
    Path file;

    @Option(names = "--input", required = true, paramLabel = "DIR", description = "Directory of the data; every file under it is an item.")
    Path input;

    @Option(names = "--work", paramLabel = "DIR", description = "Directory for job outputs (default: DIR-scopeflow next to --input).")
    Path work;

    @Option(names = "--session", paramLabel = "NAME", description = "Session name in the catalog (default: the input directory's name).")
    String session;

    @Option(names = "--executor", paramLabel = "local|slurm", description = "Run every step on this executor, whatever the YAML says.")
    String executor;

    @Option(names = "--cpus", defaultValue = "0", paramLabel = "N", description = "CPU slots of the local executor; 0 = all processors (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--memory-mb", defaultValue = "0", paramLabel = "MiB", description = "Memory of the local executor in MiB; 0 = physical memory (default: ${DEFAULT-VALUE}).")
    long memoryMb;

    @Option(names = "--gpus", defaultValue = "0", paramLabel = "N", description = "GPU slots of the local executor (default: ${DEFAULT-VALUE}).")
    int gpus;

    @Option(names = "--timeout-minutes", defaultValue = "10080", paramLabel = "MIN", description = "Give up after this many minutes (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--json", description = "One JSON document: per-step counts and the failed jobs.")
    boolean json;

    @Mixin
    CatalogOptions catalogOptions = new CatalogOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(input)) {
            throw new UserFacingException("--input " + input + " is not a directory; give the directory holding the data", ExitCodes.USAGE);
        }
        String yaml = PipelineYaml.withExecutor(Files.readString(file), executor, file.toString());
        PipelineSpec pipeline = new PipelineParser().parse(yaml, file.toString());
        Map<String, StepExecutor> executors = executors(pipeline);
        Path root = input.toAbsolutePath().normalize();
        Path workDir = (work != null ? work : root.resolveSibling(root.getFileName() + "-scopeflow")).toAbsolutePath();
        try {
            return CatalogConnections.withMigratedCatalog(catalogOptions.settings(), catalog -> run(catalog, pipeline,
                    executors, yaml, root, workDir));
        } finally {
            executors.values().forEach(StepExecutor::close);
        }
    }

    private int run(Catalog catalog, PipelineSpec pipeline, Map<String, StepExecutor> executors, String yaml, Path root,
            Path workDir) throws IOException, InterruptedException {
        SessionCatalog sessions = new SessionCatalog(catalog.jdbi(), Clock.systemUTC());
        long sessionId = sessions.openSession(session != null ? session : root.getFileName().toString());
        int registered = register(sessions, sessionId, root);
        PipelineEngine engine = new PipelineEngine(catalog.jdbi(), executors, adapters(),
                EngineSettings.defaults(), Clock.systemUTC());
        PipelineRun run = engine.attach(sessionId, yaml, root, workDir);
        engine.closeRun(run.id());
        if (!json) {
            spec.commandLine().getOut().println("pipeline " + pipeline.name() + ": session " + sessionId + ", "
                    + registered + " files, outputs under " + workDir);
        }
        boolean idle = engine.runUntilIdle(Duration.ofMinutes(timeoutMinutes));
        return report(catalog, run, idle);
    }

    /**
     * Command steps, built-in steps through {@code scopeflow qc} started with this very JVM and class
     * path (on Slurm the nodes must see the same paths), and the RELION steps
     * ({@code relion:motioncorr|autopick|extract|class2d}).
     */
    static StepAdapters adapters() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String version = Main.class.getPackage().getImplementationVersion() == null ? "dev"
                : Main.class.getPackage().getImplementationVersion();
        StepAdapters adapters = new StepAdapters();
        for (String name : StepTool.BUILTINS) {
            StringBuilder launcher = new StringBuilder(CommandTemplate.quote(java));
            QcCommand.jvmOptions(name).forEach(o -> launcher.append(' ').append(CommandTemplate.quote(o)));
            launcher.append(" -cp ").append(CommandTemplate.quote(System.getProperty("java.class.path"))).append(' ')
                    .append(Main.class.getName());
            adapters.register(StepTool.Kind.BUILTIN, name, new QcCommandAdapter(name, launcher.toString(), "scopeflow " + version));
        }
        return RelionAdapters.register(adapters, RelionAdapters.installedVersion());
    }

    private Map<String, StepExecutor> executors(PipelineSpec pipeline) {
        Map<String, StepExecutor> map = new HashMap<>();
        LocalCapacity machine = LocalCapacity.ofThisMachine();
        map.put("local", new LocalExecutor(new LocalCapacity(cpus > 0 ? cpus : machine.cpus(),
                memoryMb > 0 ? memoryMb : machine.memoryMb(), gpus), Clock.systemUTC()));
        boolean needsSlurm = pipeline.steps().stream().anyMatch(s -> s.executor().type() == ExecutorChoice.Type.SLURM);
        if (needsSlurm) {
            if (!SlurmCli.available()) {
                throw new UserFacingException("steps of " + pipeline.name() + " use executor slurm but Slurm does not answer "
                        + "(sinfo failed); start Slurm or pass --executor local", ExitCodes.USAGE);
            }
            map.put("slurm", new SlurmExecutor(new SlurmCli(60)));
        }
        return map;
    }

    private static int register(SessionCatalog sessions, long sessionId, Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                sessions.registerFile(sessionId, "", root.relativize(f).toString(), Files.size(f), null, null);
            }
            return files.size();
        }
    }

    private int report(Catalog catalog, PipelineRun run, boolean idle) {
        List<Map<String, Object>> rows = catalog.jdbi().withHandle(h -> h.createQuery(
                "SELECT id, step_id, item_key, state, failure_reason, stderr_tail FROM pipeline_jobs WHERE run_id = :r ORDER BY id")
                .bind("r", run.id()).mapToMap().list());
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        ObjectNode doc = new ObjectMapper().createObjectNode().put("run_id", run.id()).put("session_id", run.sessionId())
                .put("finished", idle);
        ArrayNode failed = doc.putArray("failed_jobs");
        for (Map<String, Object> r : rows) {
            counts.computeIfAbsent((String) r.get("step_id"), k -> new TreeMap<>()).merge((String) r.get("state"), 1, Integer::sum);
            if ("failed".equals(r.get("state")) || "cancelled".equals(r.get("state"))) {
                failed.addObject().put("job_id", (Long) r.get("id")).put("step", (String) r.get("step_id"))
                        .put("item", (String) r.get("item_key")).put("state", (String) r.get("state"))
                        .put("failure_reason", (String) r.get("failure_reason")).put("stderr_tail", (String) r.get("stderr_tail"));
            }
        }
        ObjectNode steps = doc.putObject("steps");
        counts.forEach((step, byState) -> byState.forEach((state, n) -> steps.with(step).put(state, n)));
        if (json) {
            spec.commandLine().getOut().println(doc.toPrettyString());
        } else {
            counts.forEach((step, byState) -> spec.commandLine().getOut().println("  " + step + ": " + byState));
            failed.forEach(f -> spec.commandLine().getErr().println("  job " + f.get("job_id") + " " + f.get("step").asText() + " "
                    + f.get("item").asText() + ": " + f.get("failure_reason").asText()));
            if (!idle) {
                spec.commandLine().getErr().println("gave up after " + timeoutMinutes + " min with jobs unfinished; "
                        + "run the same command again to resume");
            }
        }
        return idle && failed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
