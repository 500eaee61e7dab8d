package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.scopeflow.ingest.agent.AgentStatus;
import org.scopeflow.ingest.config.AgentConfigReader;
import org.scopeflow.ingest.config.AgentSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code scopeflow agent status}: backlog, rates and failures per watch, from the journal. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows per watch: files per state, backlog (files, bytes), catalogue rate over 5 minutes, failures.")
public final class AgentStatusCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "Agent YAML file.")
    Path config;

    @Option(names = "--json", description = "One JSON document for scripts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        AgentSettings settings = new AgentConfigReader(System::getenv).read(config);
        AgentStatus status = AgentStatus.read(settings, Clock.systemUTC());
        System.out.println(json ? toJson(status) : toText(status));
        return status.watches().stream().anyMatch(w -> w.failingFiles() > 0) ? ExitCodes.FAILED : ExitCodes.OK;
    }

    static String toText(AgentStatus s) {
        StringBuilder out = new StringBuilder("agent: " + (s.running() ? "running" : "not running") + "\n");
        for (AgentStatus.WatchStatus w : s.watches()) {
            out.append(String.format("watch %s: backlog %d files (%s), rate %.1f files/s %s/s, failing %d%n",
                    w.name(), w.backlogFiles(), Bytes.human(w.backlogBytes()), w.filesPerSecond(),
                    Bytes.human((long) w.bytesPerSecond()), w.failingFiles()));
            out.append("  states: ").append(w.filesByState()).append('\n');
            w.failures().forEach((rel, why) -> out.append("  failing ").append(rel).append(": ").append(why).append('\n'));
        }
        return out.toString().stripTrailing();
    }

    static String toJson(AgentStatus s) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode().put("running", s.running());
        var watches = root.putArray("watches");
        for (AgentStatus.WatchStatus w : s.watches()) {
            ObjectNode n = watches.addObject().put("name", w.name()).put("backlog_files", w.backlogFiles())
                    .put("backlog_bytes", w.backlogBytes()).put("files_per_second", w.filesPerSecond())
                    .put("bytes_per_second", w.bytesPerSecond()).put("failing_files", w.failingFiles());
            ObjectNode states = n.putObject("files_by_state");
            w.filesByState().forEach(states::put);
            var failures = n.putArray("failures");
            w.failures().forEach((rel, why) -> failures.addObject().put("relative_path", rel).put("reason", why));
        }
        return root.toPrettyString();
    }
}
