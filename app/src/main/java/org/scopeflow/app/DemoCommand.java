package org.scopeflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.imaging.sim.AcquisitionLayout;
import org.scopeflow.imaging.sim.AcquisitionPlan;
import org.scopeflow.imaging.sim.AcquisitionRate;
import org.scopeflow.imaging.sim.MicroscopeSettings;
import org.scopeflow.imaging.sim.MovieFormat;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.CatalogUnavailableException;
import org.scopeflow.ingest.LandedFile;
import org.scopeflow.ingest.agent.Agent;
import org.scopeflow.ingest.agent.RetryPolicy;
import org.scopeflow.ingest.config.AgentConfigReader;
import org.scopeflow.ingest.config.AgentSettings;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Session;
import org.scopeflow.model.config.FacilityConfig;
import org.scopeflow.pipeline.engine.EngineSettings;
import org.scopeflow.pipeline.engine.PipelineEngine;
import org.scopeflow.server.ScopeflowServer;
import org.scopeflow.server.ServerSettings;
import org.scopeflow.server.ServerStartException;
import org.scopeflow.server.auth.AccountStore;
import org.scopeflow.server.auth.AdminBootstrap;
import org.scopeflow.server.auth.PasswordHasher;
import org.scopeflow.server.auth.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scopeflow demo}: the whole chain on this machine with nothing to configure. A simulated
 * microscope writes movies into a watched folder at a realistic pace; the ingest agent moves each
 * complete movie, verified, into a storage folder and the embedded catalog; the pipeline engine runs
 * the built-in live pre-processing on the local executor as movies land; the server shows it all.
 * The configuration files it uses are written into the data directory for people to read and copy.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole chain on this machine: a simulated microscope writes movies into a watched folder, "
                + "the agent moves them verified into storage and the catalog, the built-in live pipeline processes them, "
                + "and the server shows it all on http://localhost:8080/. Ctrl-C stops everything.",
                "Exit codes: 0 stopped cleanly, 1 something could not start (e.g. the port is taken), 2 bad option."})
final class DemoCommand implements Callable<Integer> {
    static final String SESSION_PREFIX = "demo-";
    static final String INSTRUMENT = "krios-demo";
    static final String PROJECT = "demo";
    static final String DEMO_USER = "demo";
    static final String DEMO_PASSWORD = "scopeflow-demo";
    static final String PIPELINE_RESOURCE = "org/scopeflow/app/demo-pipeline.yaml";

    @Option(names = "--port", defaultValue = "8080", paramLabel = "N", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
    String host;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Keep the demo's state (catalog, storage, agent journal) in DIR and resume from it next time. "
                    + "Default: a temporary directory deleted on exit.")
    Path data;

    @Option(names = "--movies", defaultValue = "60", paramLabel = "N", description = "Movies to acquire (default: ${DEFAULT-VALUE}).")
    int movies;

    @Option(names = "--rate", defaultValue = "3/min", paramLabel = "RATE",
            description = "Acquisition rate: N/min, N/h, N/s (default: ${DEFAULT-VALUE}; keep it within what this machine processes).")
    String rate;

    @Option(names = "--size", defaultValue = "1024", paramLabel = "PX", description = "Movie edge in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--frames", defaultValue = "16", paramLabel = "N", description = "Frames per movie (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed of the simulated specimen (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cpus", defaultValue = "0", paramLabel = "N",
            description = "CPU slots of the local executor; 0 = all processors (default: ${DEFAULT-VALUE}).")
    int cpus;

    @Option(names = "--stop-after", paramLabel = "SECONDS",
            description = "Stop by itself after this many seconds (for scripts and tests); default: run until Ctrl-C.")
    Long stopAfterSeconds;

    @Option(names = "--report-seconds", defaultValue = "30", paramLabel = "S",
            description = "Print a progress line (acquired, landed, processed, rate, backlog) this often (default: ${DEFAULT-VALUE}).")
    int reportSeconds;

    @Option(names = "--until-done",
            description = "Stop by itself once every movie is acquired, landed and processed; exit 0 when no job failed, "
                    + "1 listing the failed jobs (a smoke test of the whole chain).")
    boolean untilDone;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (movies < 1) {
            throw new IllegalArgumentException("--movies " + movies + " must be at least 1");
        }
        if (reportSeconds < 1) {
            throw new IllegalArgumentException("--report-seconds " + reportSeconds + " must be at least 1");
        }
        AcquisitionRate acquisitionRate = AcquisitionRate.parse(rate);
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = data == null;
        Path dir = (temporary ? Files.createTempDirectory("scopeflow-demo-") : Files.createDirectories(data)).toAbsolutePath();
        Demo demo = new Demo(dir, temporary);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            demo.stop(out);
            stopped.countDown();
        }, "scopeflow-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            demo.start(out, acquisitionRate);
        } catch (RuntimeException | IOException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            demo.stop(out);
            throw e;
        }
        long deadline = stopAfterSeconds == null ? Long.MAX_VALUE : System.nanoTime() + stopAfterSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                return ExitCodes.OK;
            }
            if (untilDone && demo.done()) {
                break;
            }
        }
        List<String> failed = demo.failedJobs();
        Runtime.getRuntime().removeShutdownHook(hook);
        demo.stop(out);
        if (!failed.isEmpty()) {
            spec.commandLine().getErr().println(failed.size() + " job(s) failed:");
            failed.forEach(f -> spec.commandLine().getErr().println("  " + f));
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    /** The running parts, started in order and stopped in reverse. */
    private final class Demo {
        private final Path dir;
        private final boolean temporary;
        private Catalog catalog;
        private ScopeflowServer server;
        private Map<String, org.scopeflow.pipeline.exec.StepExecutor> executors;
        private PipelineEngine engine;
        private Agent agent;
        private Thread agentThread;
        private DemoMicroscope microscope;
        private Thread reporter;
        private long sessionId;
        private long jobsSeen = -1;
        private long jobsChangedAt = System.nanoTime();
        private boolean stoppedOnce;

        Demo(Path dir, boolean temporary) {
            this.dir = dir;
            this.temporary = temporary;
        }

        void start(PrintWriter out, AcquisitionRate acquisitionRate) throws IOException {
            Path source = Files.createDirectories(dir.resolve("microscope"));
            Path storage = Files.createDirectories(dir.resolve("storage"));
            FacilityConfig config = FacilityConfig.load(writeFacilityConfig(storage), System.getenv());
            catalog = CatalogAccess.open(config);
            AccountStore accounts = new AccountStore(catalog.jdbi(), catalog.clock());
            PasswordHasher hasher = new PasswordHasher();
            String admin = AdminBootstrap.ensureAdmin(accounts, hasher).orElse(null);
            if (accounts.findByUsername(DEMO_USER).isEmpty()) {
                accounts.create(DEMO_USER, "Demo scientist", Role.MEMBER, hasher.hash(DEMO_PASSWORD));
            }
            FacilitySync.apply(config, catalog).forEach(w -> out.println("warning: " + w));

            Session session = session();
            sessionId = session.id();
            Path sessionDir = source.resolve(session.name());

            server = ScopeflowServer.create(ServerSettings.of(port, config.storageRoots()).withHost(host), catalog);
            int listening;
            try {
                listening = server.start();
            } catch (ServerStartException e) {
                throw new UserFacingException(e.getMessage() + " (choose another with --port)", ExitCodes.FAILED, e);
            }

            executors = ServerPipelines.executors(cpus);
            engine = new PipelineEngine(catalog.jdbi(), executors, PipelineRunCommand.adapters(),
                    EngineSettings.defaults(), Clock.systemUTC());
            engine.attach(session.id(), pipelineYaml(), storage, storage.resolve("processing"));
            engine.start();

            AgentSettings agentSettings = new AgentConfigReader(System::getenv).read(writeAgentConfig(source, storage));
            agent = new Agent(agentSettings, new NudgingSink(new CatalogIngestSink(catalog, config.storageRoots()), engine),
                    Clock.systemUTC(), ImageHeaderExtractors.all(), new RetryPolicy(1000, 60_000, 0), true);
            agentThread = new Thread(() -> agent.run(false), "demo-agent");
            agentThread.start();

            AcquisitionPlan plan = new AcquisitionPlan(sessionDir, movies, size, frames, 1.0, 40, 0.8, 3.5, 0, 800,
                    150, 0.25, MicroscopeSettings.krios(), acquisitionRate, AcquisitionLayout.EPU, MovieFormat.parse("tiff"), seed);
            microscope = DemoMicroscope.start(plan, out);

            String url = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + listening;
            out.println("Scopeflow demo is running.");
            out.println("  Dashboard:   " + url + "/sessions/" + session.id());
            out.println("  Log in as:   " + DEMO_USER + " / " + DEMO_PASSWORD + "   (a scientist: sees project '" + PROJECT + "' only)");
            out.println(admin != null ? "  Facility admin: admin / " + admin + "   (shown only this once)"
                    : "  Facility admin: admin (password as printed on the first start with this --data)");
            out.println("  Microscope:  " + movies + " movies of " + size + "² × " + frames + " frames at " + rate + " into " + sessionDir);
            out.println("  Storage:     " + storage + "   (agent journal in " + dir.resolve("agent") + ")");
            out.println("  Data:        " + dir + (temporary ? "   (deleted on exit; --data DIR keeps it)" : ""));
            out.println("Ctrl-C stops everything.");
            out.flush();
            reporter = new Thread(() -> report(out, session.id()), "demo-progress");
            reporter.setDaemon(true);
            reporter.start();
        }

        /**
         * True once the microscope has written every movie, each has landed, and each has a finished
         * job for every step of the pipeline (succeeded, failed, cancelled or skipped by its condition).
         */
        boolean done() {
            if (microscope == null || microscope.running()) {
                return false;
            }
            int steps = new org.scopeflow.pipeline.spec.PipelineParser().parse(pipelineYaml(), PIPELINE_RESOURCE).steps().size();
            Map<String, Object> c = catalog.jdbi().withHandle(h -> h.createQuery("SELECT "
                            + "(SELECT COUNT(*) FROM files WHERE session_id = :s AND relative_path LIKE '%_fractions.tiff' "
                            + "AND state IN ('landed', 'verified')) AS landed, "
                            + "(SELECT COUNT(*) FROM pipeline_jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE r.session_id = :s "
                            + "AND j.state IN ('succeeded', 'failed', 'cancelled', 'skipped')) AS finished, "
                            + "(SELECT COUNT(*) FROM pipeline_jobs j JOIN pipeline_runs r ON r.id = j.run_id WHERE r.session_id = :s "
                            + "AND j.state NOT IN ('succeeded', 'failed', 'cancelled', 'skipped')) AS unfinished")
                    .bind("s", sessionId).mapToMap().one());
            long landed = ((Number) c.get("landed")).longValue();
            long finished = ((Number) c.get("finished")).longValue();
            long unfinished = ((Number) c.get("unfinished")).longValue();
            if (finished + unfinished != jobsSeen) {
                jobsSeen = finished + unfinished;
                jobsChangedAt = System.nanoTime();
            }
            // Every step ran for every movie, or (a failed step stops its downstream) nothing moved for 15 s.
            boolean settled = finished >= landed * steps || System.nanoTime() - jobsChangedAt > 15_000_000_000L;
            return landed >= movies && unfinished == 0 && settled;
        }

        /** "job N step item: reason" for every failed job of this start's session. */
        List<String> failedJobs() {
            if (catalog == null) {
                return List.of();
            }
            return catalog.jdbi().withHandle(h -> h.createQuery("SELECT j.id, j.step_id, j.item_key, j.failure_reason FROM pipeline_jobs j "
                            + "JOIN pipeline_runs r ON r.id = j.run_id WHERE r.session_id = :s AND j.state = 'failed' ORDER BY j.id")
                    .bind("s", sessionId)
                    .map((rs, ctx) -> "job " + rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + ": " + rs.getString(4))
                    .list());
        }

        /** A new session for every start; sessions of earlier starts with the same --data stay as they were. */
        private Session session() {
            long instrumentId = catalog.instruments().findByName(INSTRUMENT).orElseThrow().id();
            long projectId = catalog.projects().findByName(PROJECT).orElseThrow().id();
            String name = SESSION_PREFIX + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
            return catalog.sessions().create(new NewSession(name, projectId, instrumentId, "simulated microscope", Instant.now()));
        }

        private Path writeFacilityConfig(Path storage) throws IOException {
            Path file = dir.resolve("scopeflow.yaml");
            Files.writeString(file, """
                    # Written by 'scopeflow demo': the facility configuration it runs with.
                    data_dir: %s
                    storage_roots:
                      storage: %s
                    instruments:
                      - {name: %s, kind: cryo-em, detector: simulated counting camera, pixel_size_angstrom: 1.0, voltage_kv: 300}
                    projects:
                      - name: %s
                        title: Demo project
                        members:
                          - {user: %s, role: member}
                    """.formatted(quoted(dir), quoted(storage), INSTRUMENT, PROJECT, DEMO_USER), StandardCharsets.UTF_8);
            return file;
        }

        private Path writeAgentConfig(Path source, Path storage) throws IOException {
            Path file = dir.resolve("agent.yaml");
            Files.writeString(file, """
                    # Written by 'scopeflow demo': the agent configuration it runs with (catalog shared in-process).
                    state_dir: %s
                    catalog: {db_url: "%s"}
                    watches:
                      - name: %s
                        source: %s
                        destination: "%s/{path}"
                        session_pattern: '^(?<session>[^/]+)/'
                        include: ["**/*.tiff", "**/*.xml"]
                        exclude: ["**/*.tmp", "**/.*", "*/truth/**"]
                        complete: {quiet_seconds: 3}
                        checksum: xxh3-128
                        parallel: 2
                        poll_seconds: 10
                        after_transfer: keep
                    """.formatted(quoted(dir.resolve("agent")), catalog.settings().url(), INSTRUMENT, quoted(source),
                    storage.toString().replace("\"", "\\\"")), StandardCharsets.UTF_8);
            return file;
        }

        private static String quoted(Path p) {
            return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        /**
         * One line every {@code --report-seconds}: movies acquired, landed, processed (every step
         * finished, or a step failed for good) with the rate since the start, failed, and the backlog
         * (landed but not processed) — whether the pipeline keeps up with the microscope.
         */
        private void report(PrintWriter out, long sessionId) {
            long started = System.nanoTime();
            List<org.scopeflow.pipeline.spec.StepSpec> steps =
                    new org.scopeflow.pipeline.spec.PipelineParser().parse(pipelineYaml(), PIPELINE_RESOURCE).steps();
            String last = steps.get(steps.size() - 1).id();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(reportSeconds * 1000L);
                    Map<String, Object> c = catalog.jdbi().withHandle(h -> h.createQuery("SELECT "
                                    + "(SELECT COUNT(*) FROM files WHERE session_id = :s AND relative_path LIKE '%_fractions.tiff' "
                                    + "AND state IN ('landed', 'verified')) AS landed, "
                                    + "(SELECT COUNT(DISTINCT j.item_file_id) FROM pipeline_jobs j JOIN pipeline_runs r ON r.id = j.run_id "
                                    + "WHERE r.session_id = :s AND ((j.step_id = :last AND j.state IN ('succeeded', 'failed', 'cancelled', 'skipped')) "
                                    + "OR j.state = 'failed')) AS processed, "
                                    + "(SELECT COUNT(DISTINCT j.item_file_id) FROM pipeline_jobs j JOIN pipeline_runs r ON r.id = j.run_id "
                                    + "WHERE r.session_id = :s AND j.state = 'failed') AS failed")
                            .bind("s", sessionId).bind("last", last).mapToMap().one());
                    long landed = ((Number) c.get("landed")).longValue();
                    long processed = ((Number) c.get("processed")).longValue();
                    double hours = (System.nanoTime() - started) / 3.6e12;
                    out.printf(java.util.Locale.ROOT, "[demo] %4d s: acquired %d, landed %d, processed %d (%.0f movies/h), failed %d, backlog %d%n",
                            Math.round(hours * 3600), Math.min(microscope.written(), movies), landed, processed, processed / hours,
                            ((Number) c.get("failed")).longValue(), landed - processed);
                    out.flush();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The catalog is closing: the demo is stopping.
                    return;
                }
            }
        }

        synchronized void stop(PrintWriter out) {
            if (stoppedOnce) {
                return;
            }
            stoppedOnce = true;
            out.println("Stopping the demo…");
            out.flush();
            interrupt(reporter);
            if (microscope != null) {
                microscope.stop(10_000);
            }
            if (agent != null) {
                agent.stop();
                join(agentThread);
            }
            if (engine != null) {
                engine.close();
            }
            if (executors != null) {
                executors.values().forEach(org.scopeflow.pipeline.exec.StepExecutor::close);
            }
            if (server != null) {
                server.stop();
            }
            if (catalog != null) {
                catalog.close();
            }
            if (temporary) {
                deleteTree(dir);
            }
            out.println("Demo stopped" + (temporary ? "." : "; its state is kept in " + dir + " (run again with --data " + dir + " to resume)."));
            out.flush();
        }

        private static void interrupt(Thread t) {
            if (t != null) {
                t.interrupt();
                join(t);
            }
        }

        private static void join(Thread t) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String pipelineYaml() {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(PIPELINE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PIPELINE_RESOURCE + " is missing from the jar; rebuild it");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not delete the demo's temporary directory " + dir + ": " + e.getMessage());
        }
    }

    /** Records landed files, then wakes the pipeline engine so processing starts at once. */
    private record NudgingSink(CatalogSink delegate, PipelineEngine engine) implements CatalogSink {
        @Override
        public void ensureSession(String watchName, String sessionName) throws CatalogUnavailableException {
            delegate.ensureSession(watchName, sessionName);
        }

        @Override
        public void record(List<LandedFile> files) throws CatalogUnavailableException, org.scopeflow.ingest.CatalogRejectedException {
            delegate.record(files);
            engine.nudge();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
