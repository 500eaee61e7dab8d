package org.scopeflow.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Rewrites pipeline YAML for command-line overrides, so that the stored pipeline says what really ran. */
final class PipelineYaml {
    private static final YAMLMapper YAML = new YAMLMapper();

    private PipelineYaml() {
    }

    /**
     * The YAML with every step's executor set to {@code executor} (a Slurm partition/account is kept
     * when moving to slurm); unchanged when {@code executor} is null or the YAML is not a pipeline
     * (the parser then reports the problems).
     */
    static String withExecutor(String yaml, String executor, String source) {
        if (executor == null) {
            return yaml;
        }
        if (!executor.equals("local") && !executor.equals("slurm")) {
            throw new IllegalArgumentException("--executor " + executor + " is not local or slurm");
        }
        try {
            JsonNode root = YAML.readTree(yaml);
            if (root == null || !root.path("steps").isArray()) {
                return yaml;
            }
            for (JsonNode step : root.get("steps")) {
                if (step instanceof ObjectNode s) {
                    JsonNode old = s.get("executor");
                    ObjectNode e = s.putObject("executor").put("type", executor);
                    if (executor.equals("slurm") && old != null && old.isObject()) {
                        old.fields().forEachRemaining(f -> {
                            if (!f.getKey().equals("type")) {
                                e.set(f.getKey(), f.getValue());
                            }
                        });
                    }
                }
            }
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return yaml;
        }
    }
}
