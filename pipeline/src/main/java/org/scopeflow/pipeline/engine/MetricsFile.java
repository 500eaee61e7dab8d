package org.scopeflow.pipeline.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics a command writes to {@code metrics.json} in its output directory:
 * <pre>{"resolution_angstrom": {"value": 4.2, "unit": "Å"}, "particle_count": 312}</pre>
 * A bare number has no unit. Anything else is an error naming the file, key and value.
 */
public final class MetricsFile {
    public static final String NAME = "metrics.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MetricsFile() {
    }

    /** The metrics in {@code outputDir/metrics.json}; empty when the file does not exist. */
    public static Map<String, Metric> read(Path outputDir) {
        Path file = outputDir.resolve(NAME);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return metrics;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage()
                    + "; write {\"name\": {\"value\": N, \"unit\": \"U\"}}", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + " must hold a JSON object of metrics");
        }
        root.fields().forEachRemaining(e -> metrics.put(e.getKey(), metric(file, e.getKey(), e.getValue())));
        return metrics;
    }

    private static Metric metric(Path file, String key, JsonNode v) {
        if (v.isNumber()) {
            return new Metric(v.asDouble(), "");
        }
        if (v.isObject() && v.path("value").isNumber()) {
            return new Metric(v.get("value").asDouble(), v.path("unit").asText(""));
        }
        throw new IllegalArgumentException(file + ": metric '" + key + "' is " + v
                + "; write a number or {\"value\": N, \"unit\": \"U\"}");
    }
}
