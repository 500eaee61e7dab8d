package org.scopeflow.ingest.agent;

import java.nio.file.Path;
import java.time.Clock;
import org.scopeflow.ingest.JsonLinesCatalogSink;
import org.scopeflow.ingest.config.AgentConfigReader;
import org.scopeflow.ingest.config.AgentSettings;
import org.scopeflow.ingest.metadata.MetadataReader;

/** Runs the agent in a child JVM so that {@link AgentCrashIT} can kill -9 it. Args: CONFIG [once]. */
public final class AgentProcessMain {
    private AgentProcessMain() {}

    public static void main(String[] args) throws Exception {
        AgentSettings s = new AgentConfigReader(System::getenv).read(Path.of(args[0]));
        boolean once = args.length > 1 && args[1].equals("once");
        Agent agent = new Agent(s, new JsonLinesCatalogSink(s.catalog().jsonlFile()), Clock.systemUTC(),
                new MetadataReader(MetadataReader.builtIn()), new RetryPolicy(100, 1000, once ? 5 : 0), true);
        var failed = agent.run(once);
        failed.forEach((k, v) -> System.err.println("FAILED " + k + ": " + v));
        System.exit(failed.isEmpty() ? 0 : 1);
    }
}
