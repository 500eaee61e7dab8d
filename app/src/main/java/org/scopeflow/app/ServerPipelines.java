package org.scopeflow.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.model.Session;
import org.scopeflow.model.config.ConfigException;
import org.scopeflow.model.config.ConfigProblem;
import org.scopeflow.model.config.FacilityConfig;
import org.scopeflow.model.config.InstrumentConfig;
import org.scopeflow.pipeline.engine.EngineSettings;
import org.scopeflow.pipeline.engine.PipelineEngine;
import org.scopeflow.pipeline.exec.LocalCapacity;
import org.scopeflow.pipeline.exec.LocalExecutor;
import org.scopeflow.pipeline.exec.SlurmCli;
import org.scopeflow.pipeline.exec.SlurmExecutor;
import org.scopeflow.pipeline.exec.StepExecutor;
import org.scopeflow.pipeline.job.RunRepository;
import org.scopeflow.pipeline.spec.PipelineParser;
import org.scopeflow.pipeline.spec.PipelineSpec;
import org.scopeflow.pipeline.spec.PipelineTemplates;
import org.scopeflow.server.api.PipelinesApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline engine inside the server: runs every pipeline attached to a session (over the API or
 * automatically) as the session's files land, on the local executor and, when Slurm answers, on
 * Slurm. An instrument configured with {@code pipeline:} gets that pipeline attached to each of its
 * open sessions as soon as the session's first file has landed (so its storage root is known).
 */
final class ServerPipelines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerPipelines.class);
    private final FacilityConfig config;
    private final Catalog catalog;
    private final Map<String, StepExecutor> executors;
    private final PipelineEngine engine;
    private final Map<String, String> yamlByInstrument;
    private final ScheduledExecutorService attacher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pipeline-attach");
        t.setDaemon(true);
        return t;
    });

    private ServerPipelines(FacilityConfig config, Catalog catalog, Map<String, StepExecutor> executors,
                            Map<String, String> yamlByInstrument) {
        this.config = config;
        this.catalog = catalog;
        this.executors = executors;
        this.yamlByInstrument = yamlByInstrument;
        EngineSettings defaults = EngineSettings.defaults();
        this.engine = new PipelineEngine(catalog.jdbi(), executors, PipelineRunCommand.adapters(),
                new EngineSettings(defaults.engineId(), defaults.lease(), defaults.maxInFlight(), defaults.pollInterval(),
                        Duration.ofSeconds(5)), Clock.systemUTC());
    }

    /**
     * Validates the configured pipelines, then starts the engine and the automatic attachment.
     *
     * @throws ConfigException naming {@code instruments[i].pipeline} when a pipeline cannot be used
     */
    static ServerPipelines start(FacilityConfig config, Catalog catalog, String configSource) {
        Map<String, String> yamls = pipelines(config, configSource);
        ServerPipelines p = new ServerPipelines(config, catalog, executors(0), yamls);
        p.engine.start();
        if (!yamls.isEmpty()) {
            p.attacher.scheduleWithFixedDelay(p::attachNewSessions, 0, 10, TimeUnit.SECONDS);
        }
        return p;
    }

    /** The local executor with this machine's CPUs (or {@code cpus}) and memory; Slurm too when it answers. */
    static Map<String, StepExecutor> executors(int cpus) {
        Map<String, StepExecutor> map = new HashMap<>();
        LocalCapacity machine = LocalCapacity.ofThisMachine();
        map.put("local", new LocalExecutor(new LocalCapacity(cpus > 0 ? cpus : machine.cpus(), machine.memoryMb(), 0), Clock.systemUTC()));
        if (SlurmCli.available()) {
            map.put("slurm", new SlurmExecutor(new SlurmCli(60)));
        }
        return map;
    }

    private static Map<String, String> pipelines(FacilityConfig config, String source) {
        Map<String, String> yamls = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.instruments().size(); i++) {
            InstrumentConfig instrument = config.instruments().get(i);
            if (instrument.pipeline() == null) {
                continue;
            }
            String path = "instruments[" + i + "].pipeline";
            try {
                String yaml = instrument.pipeline().contains("/")
                        ? Files.readString(Path.of(instrument.pipeline())) : PipelineTemplates.yaml(instrument.pipeline());
                PipelineSpec spec = new PipelineParser().parse(yaml, instrument.pipeline());
                spec.steps().stream().filter(s -> s.executor().type() == org.scopeflow.pipeline.spec.ExecutorChoice.Type.SLURM).findFirst().ifPresent(s -> {
                    if (!SlurmCli.available()) {
                        problems.add(new ConfigProblem(path, "pipeline " + spec.name() + " runs step '" + s.id()
                                + "' on Slurm but Slurm does not answer (sinfo failed); start Slurm or use a pipeline with local steps"));
                    }
                });
                yamls.put(instrument.name(), yaml);
            } catch (ConfigException e) {
                e.problems().forEach(p -> problems.add(new ConfigProblem(path, instrument.pipeline() + ": " + p)));
            } catch (IllegalArgumentException | IOException e) {
                problems.add(new ConfigProblem(path, e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return yamls;
    }

    /** Attaches the configured pipeline to open sessions of its instrument that have files but no run of it yet. */
    private void attachNewSessions() {
        try {
            RunRepository runs = new RunRepository(catalog.jdbi(), catalog.clock());
            yamlByInstrument.forEach((instrumentName, yaml) -> {
                String pipelineName = new PipelineParser().parse(yaml, instrumentName).name();
                catalog.instruments().findByName(instrumentName).ifPresent(instrument -> {
                    List<Map<String, Object>> rows = catalog.jdbi().withHandle(h -> h.createQuery(
                                    "SELECT s.id, (SELECT f.storage_root FROM files f WHERE f.session_id = s.id AND f.storage_root IS NOT NULL "
                                    + "AND f.storage_root <> 'pipeline' GROUP BY f.storage_root ORDER BY COUNT(*) DESC LIMIT 1) AS root "
                                    + "FROM sessions s WHERE s.instrument_id = :i AND s.state = 'open' AND NOT EXISTS "
                                    + "(SELECT 1 FROM pipeline_runs r WHERE r.session_id = s.id AND r.pipeline_name = :n)")
                            .bind("i", instrument.id()).bind("n", pipelineName).mapToMap().list());
                    for (Map<String, Object> row : rows) {
                        String root = (String) row.get("root");
                        if (root == null) {
                            continue;
                        }
                        Path rootPath = config.storageRoots().containsKey(root) ? config.storageRoots().get(root) : Path.of(root);
                        Session session = catalog.sessions().find(((Number) row.get("id")).longValue()).orElseThrow();
                        engine.attach(session.id(), yaml, rootPath, PipelinesApi.workRoot(rootPath, session));
                        LOG.info("attached pipeline {} to session {} ({}) of {}", pipelineName, session.id(), session.name(), instrumentName);
                    }
                });
            });
        } catch (RuntimeException e) {
            LOG.error("attaching configured pipelines failed; retrying in 10 s", e);
        }
    }

    PipelineEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        attacher.shutdownNow();
        engine.close();
        executors.values().forEach(StepExecutor::close);
    }
}
