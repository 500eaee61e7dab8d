package org.scopeflow.pipeline.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.scopeflow.pipeline.spec.CommandTemplate;
import org.scopeflow.pipeline.spec.Resources;

/**
 * Runs {@code command:} steps: renders the template; the tool's version comes from the step's
 * {@code version_command} (see {@link ToolVersions}); metrics come from {@code metrics.json}.
 */
public final class CommandStepAdapter implements StepAdapter {
    private final ToolVersions versions;

    public CommandStepAdapter() {
        this(Clock.systemUTC());
    }

    CommandStepAdapter(Clock clock) {
        this.versions = new ToolVersions(clock);
    }

    @Override
    public PreparedStep prepare(StepContext c) {
        String template = c.step().tool().template();
        List<String> inputs = c.inputs().stream().map(Path::toString).toList();
        String line = new CommandTemplate(template).render(values(c), inputs);
        String tool = template.strip().split("\\s+", 2)[0];
        return new PreparedStep(line, tool, versions.of(c.step().tool().versionCommand()));
    }

    /** Values of the plain placeholders and {@code param.NAME}. */
    static Map<String, String> values(StepContext c) {
        Map<String, String> v = new HashMap<>();
        if (!c.inputs().isEmpty()) {
            v.put("input", c.inputs().get(0).toString());
        }
        Resources r = c.step().resources();
        v.put("output_dir", c.outputDir().toString());
        v.put("cpus", Integer.toString(r.cpus()));
        v.put("memory_mb", Long.toString(r.memoryMb()));
        v.put("gpus", Integer.toString(r.gpus()));
        v.put("time_limit_minutes", Integer.toString(r.timeLimitMinutes()));
        v.put("mpi_ranks", Integer.toString(r.mpiRanks()));
        v.put("item", c.itemName());
        v.put("job_id", Long.toString(c.job().id()));
        v.put("session", Long.toString(c.sessionId()));
        v.put("step", c.step().id());
        c.step().parameters().forEach((k, val) -> v.put("param." + k, String.valueOf(val)));
        return v;
    }

    @Override
    public Map<String, Metric> metrics(StepContext c) {
        return MetricsFile.read(c.outputDir());
    }
}
