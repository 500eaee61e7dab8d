package org.scopeflow.pipeline.provenance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The whole processing history of a session as one JSON document: every pipeline run, every job with
 * its rendered command, tool and version, parameters, executor id, host, times, exit code, failure
 * reason, stderr tail, input files with checksums and output files; every rerun (step, generation,
 * parameter overrides; its jobs are those of that generation); plus a methods paragraph naming
 * the software used, with references. Field names are snake_case with units.
 */
public final class ProvenanceReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;

    public ProvenanceReport(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The session's id from an id or a name; empty when there is no such session. */
    public Optional<Long> findSession(String idOrName) {
        return jdbi.withHandle(h -> {
            if (idOrName.matches("[0-9]+")) {
                var byId = h.createQuery("SELECT id FROM sessions WHERE id = :id").bind("id", Long.parseLong(idOrName))
                        .mapTo(Long.class).findOne();
                if (byId.isPresent()) {
                    return byId;
                }
            }
            return h.createQuery("SELECT id FROM sessions WHERE name = :n ORDER BY id").bind("n", idOrName)
                    .mapTo(Long.class).findFirst();
        });
    }

    /** The report of a session. */
    public ObjectNode report(long sessionId) {
        ObjectNode root = JSON.createObjectNode();
        Map<String, Object> session = jdbi.withHandle(h -> h.createQuery("SELECT id, name, state FROM sessions WHERE id = :id")
                .bind("id", sessionId).mapToMap().one());
        root.putObject("session").put("id", sessionId).put("name", (String) session.get("name"))
                .put("state", (String) session.get("state"));
        ArrayNode runs = root.putArray("runs");
        List<String> tools = new ArrayList<>();
        Map<String, Integer> stepsUsed = new LinkedHashMap<>();
        for (Map<String, Object> run : rows("SELECT id, pipeline_name, state, created_at FROM pipeline_runs WHERE session_id = ? ORDER BY id", sessionId)) {
            ObjectNode r = runs.addObject().put("run_id", (Long) run.get("id")).put("pipeline", (String) run.get("pipeline_name"))
                    .put("state", (String) run.get("state")).put("created_at", time(run.get("created_at")));
            r.set("reruns", reruns((Long) run.get("id")));
            ArrayNode jobs = r.putArray("jobs");
            for (Map<String, Object> job : rows("SELECT * FROM pipeline_jobs WHERE run_id = ? ORDER BY id", run.get("id"))) {
                jobs.add(job(job));
                if ("succeeded".equals(job.get("state"))) {
                    tools.add((String) job.get("tool_name"));
                    stepsUsed.merge(run.get("pipeline_name") + "/" + job.get("step_id") + " (" + job.get("tool_name") + ")", 1, Integer::sum);
                }
            }
        }
        root.put("methods_paragraph", methods(stepsUsed, tools, root));
        return root;
    }

    /** Reruns of the run: step, generation, the parameters that overrode the pipeline's, items, when. */
    private ArrayNode reruns(long runId) {
        ArrayNode out = JSON.createArrayNode();
        for (Map<String, Object> x : rows("SELECT step_id, generation, parameters_json, item_count, requested_at "
                + "FROM pipeline_reruns WHERE run_id = ? ORDER BY generation", runId)) {
            ObjectNode n = out.addObject().put("step", (String) x.get("step_id")).put("generation", (Integer) x.get("generation"))
                    .put("item_count", (Integer) x.get("item_count")).put("requested_at", time(x.get("requested_at")));
            n.set("parameter_overrides", parameters((String) x.get("parameters_json"), n));
        }
        return out;
    }

    private static com.fasterxml.jackson.databind.JsonNode parameters(String json, ObjectNode owner) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            owner.put("parameters_unreadable", json);
            return JSON.createObjectNode();
        }
    }

    private ObjectNode job(Map<String, Object> j) {
        ObjectNode n = JSON.createObjectNode();
        n.put("job_id", (Long) j.get("id")).put("step", (String) j.get("step_id")).put("item", (String) j.get("item_key"))
                .put("generation", (Integer) j.get("generation")).put("state", (String) j.get("state"))
                .put("attempt", (Integer) j.get("attempt")).put("executor", (String) j.get("executor"))
                .put("external_id", (String) j.get("external_id")).put("host", (String) j.get("host"))
                .put("command_line", (String) j.get("command_line")).put("tool", (String) j.get("tool_name"))
                .put("tool_version", (String) j.get("tool_version"))
                .put("started_at", time(j.get("started_at"))).put("ended_at", time(j.get("ended_at")))
                .put("exit_code", (Integer) j.get("exit_code")).put("failure_reason", (String) j.get("failure_reason"))
                .put("stderr_tail", (String) j.get("stderr_tail"));
        n.set("parameters", parameters((String) j.get("parameters_json"), n));
        n.set("inputs", files((Long) j.get("id"), "input"));
        n.set("outputs", files((Long) j.get("id"), "output"));
        return n;
    }

    private ArrayNode files(long jobId, String direction) {
        ArrayNode out = JSON.createArrayNode();
        for (Map<String, Object> f : rows("SELECT f.path, f.file_id, f.size_bytes, f.checksum_algorithm, f.checksum_value "
                + "FROM pipeline_job_files f JOIN pipeline_jobs j ON f.job_id = j.id AND f.attempt = j.attempt "
                + "WHERE f.job_id = ? AND f.direction = ? ORDER BY f.id", jobId, direction)) {
            out.addObject().put("path", (String) f.get("path")).put("file_id", (Long) f.get("file_id"))
                    .put("size_bytes", (Long) f.get("size_bytes"))
                    .put("checksum", f.get("checksum_value") == null ? null : f.get("checksum_algorithm") + ":" + f.get("checksum_value"));
        }
        return out;
    }

    private static String methods(Map<String, Integer> stepsUsed, List<String> tools, ObjectNode root) {
        if (stepsUsed.isEmpty()) {
            return "No pipeline step has completed for this session.";
        }
        StringBuilder s = new StringBuilder("Data were processed with Scopeflow");
        List<String> parts = new ArrayList<>();
        stepsUsed.forEach((step, n) -> parts.add(step + " on " + n + (n == 1 ? " item" : " items")));
        s.append(" (").append(String.join("; ", parts)).append(").");
        List<ToolReferences.Software> software = ToolReferences.distinct(tools);
        boolean slurm = root.findValuesAsText("executor").contains("slurm");
        if (!software.isEmpty()) {
            s.append(" Software used: ");
            List<String> cites = new ArrayList<>();
            for (int i = 0; i < software.size(); i++) {
                cites.add(software.get(i).name() + " [" + (i + 1) + "]");
            }
            s.append(String.join(", ", cites)).append('.');
        }
        if (slurm) {
            software = new ArrayList<>(software);
            software.add(ToolReferences.SLURM);
            s.append(" Jobs were scheduled with Slurm [").append(software.size()).append("].");
        }
        if (!software.isEmpty()) {
            s.append("\nReferences:");
            for (int i = 0; i < software.size(); i++) {
                s.append("\n[").append(i + 1).append("] ").append(software.get(i).reference());
            }
        }
        return s.toString();
    }

    private List<Map<String, Object>> rows(String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                q.bind(i, args[i]);
            }
            return q.mapToMap().list();
        });
    }

    private static String time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().toString();
        }
        return value.toString();
    }
}
