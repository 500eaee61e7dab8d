package org.scopeflow.ingest.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import com.fasterxml.jackson.databind.JsonNode;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.JsonLinesCatalogSink;
import org.scopeflow.ingest.config.AgentConfigReader;
import org.scopeflow.ingest.config.AgentSettings;
import org.scopeflow.ingest.metadata.MetadataReader;

/** Runs a real agent on temp directories for integration tests. */
final class AgentHarness implements AutoCloseable {
    final Path root;
    final Path source;
    final Path store;
    final Path catalogFile;
    final AgentSettings settings;
    private Agent agent;
    private CompletableFuture<Map<String, String>> running;

    AgentHarness(Path root, String watchExtra) throws Exception {
        this.root = root;
        this.source = Files.createDirectories(root.resolve("src"));
        this.store = Files.createDirectories(root.resolve("store"));
        Files.createDirectories(store.resolve("krios1"));
        Files.createDirectories(root.resolve("cat"));
        this.catalogFile = root.resolve("cat/catalog.jsonl");
        String yaml = """
                state_dir: %s
                catalog: {jsonl_file: %s}
                watches:
                  - name: krios1
                    source: %s
                    destination: "%s/krios1/{session}/{path}"
                    session_pattern: '^(?<session>[^/]+)/'
                    include: ["**/*.tiff", "**/*.mrc", "**/*.xml", "**/*.mdoc"]
                    exclude: ["**/.*"]
                    poll_seconds: 1
                    parallel: 2
                %s
                """.formatted(root.resolve("state"), catalogFile, source, store, watchExtra.indent(4));
        settings = new AgentConfigReader(k -> null).parse("test", yaml);
    }

    void start() throws Exception {
        start(new JsonLinesCatalogSink(catalogFile));
    }

    void start(CatalogSink sink) throws Exception {
        agent = new Agent(settings, sink, Clock.systemUTC(), new MetadataReader(MetadataReader.builtIn()),
                new RetryPolicy(100, 400, 0), true);
        running = CompletableFuture.supplyAsync(() -> agent.run(false));
    }

    Map<String, String> runOnce() throws Exception {
        Agent a = new Agent(settings, new JsonLinesCatalogSink(catalogFile), Clock.systemUTC(),
                new MetadataReader(MetadataReader.builtIn()), new RetryPolicy(100, 400, 3), true);
        return a.run(true);
    }

    void stop() {
        if (agent != null) {
            agent.stop();
            running.join();
            agent = null;
        }
    }

    List<JsonNode> catalogFiles() {
        return JsonLinesCatalogSink.readRows(catalogFile).stream().filter(r -> r.path("type").asText().equals("file")).toList();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 60 s waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
