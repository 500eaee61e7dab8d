package org.scopeflow.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.agent.Agent;
import org.scopeflow.ingest.agent.RetryPolicy;
import org.scopeflow.ingest.config.AgentConfigReader;
import org.scopeflow.ingest.config.AgentSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scopeflow agent}: runs the ingest agent. */
@Command(name = "agent", mixinStandardHelpOptions = true, subcommands = AgentStatusCommand.class,
        description = {"Watches acquisition folders and moves every complete file to storage, verified and catalogued.",
                "Runs until stopped (SIGTERM finishes in-flight files). Exit codes: 0 done, 1 files failed (--once), "
                        + "2 bad configuration (also: the server refused the agent's token)."})
public final class AgentCommand implements Callable<Integer> {
    /** How often a server-mode agent reports its backlog to the server. */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(30);

    @Option(names = "--config", paramLabel = "FILE", description = "Agent YAML file (state_dir, catalog or server, watches). Required.")
    Path config;

    @Option(names = "--once", description = "Do one full pass, wait for files still being written, transfer everything and exit (default: run until stopped).")
    boolean once;

    @Option(names = "--retry-attempts", paramLabel = "N", defaultValue = "3",
            description = "With --once: give a file up after N failed attempts (default: ${DEFAULT-VALUE}).")
    int retryAttempts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            throw new IllegalArgumentException("--config FILE is required: the agent YAML file (see ingest/README.md)");
        }
        AgentSettings settings = new AgentConfigReader(System::getenv).read(config);
        RetryPolicy retry = once ? new RetryPolicy(1000, 10_000, retryAttempts) : new RetryPolicy(1000, 300_000, 0);
        try (CatalogSink catalog = CatalogSinks.open(settings)) {
            // --once is one pass: the scan finds every file and pending ones are re-checked each tick, so
            // filesystem events would only add a second walk of the tree to register watches (0.5 s for 20,000 files)
            Agent agent = new Agent(settings, catalog, Clock.systemUTC(), ImageHeaderExtractors.all(), retry, !once);
            Map<String, String> failed = run(agent, catalog);
            if (catalog instanceof ServerCatalogSink server && server.fatalError().isPresent()) {
                throw server.fatalError().get();
            }
            if (failed.isEmpty()) {
                return ExitCodes.OK;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println(failed.size() + " file(s) failed:");
            failed.forEach((rel, why) -> err.println("  " + rel + ": " + why));
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    /** Runs the agent until done (--once), stopped (SIGTERM) or refused by the server. */
    private Map<String, String> run(Agent agent, CatalogSink catalog) {
        AgentHeartbeat heartbeat = null;
        if (catalog instanceof ServerCatalogSink server) {
            server.onFatal(agent::close);
            heartbeat = new AgentHeartbeat(server, agent::status, HEARTBEAT_INTERVAL);
        }
        Thread hook = new Thread(agent::stop, "agent-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return agent.run(once);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for run() — which has returned.
            }
            if (heartbeat != null) {
                heartbeat.close();
            }
        }
    }
}
