package org.scopeflow.pipeline.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.scopeflow.model.config.ConfigProblem;

/** Collects every problem of one document with its path; reading helpers report type errors here. */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    void add(String path, String message) {
        list.add(new ConfigProblem(path, message));
    }

    boolean hasAt(String path) {
        return list.stream().anyMatch(p -> p.path().equals(path));
    }

    List<ConfigProblem> list() {
        return list;
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** Reports keys of {@code node} that are not in {@code known}. */
    void unknownKeys(String path, JsonNode node, Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                add(path.isEmpty() ? name : path + "." + name, "unknown key '" + name + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
    }

    /** A text value, or null (with a problem) when present but not a scalar. */
    String text(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            add(path, "expected a text value, found " + kind(node));
            return null;
        }
        return node.asText();
    }

    /** An integer in [min, max], or {@code fallback} (with a problem when present and invalid). */
    long integer(String path, JsonNode node, long min, long max, long fallback, String unit) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber()) {
            add(path, "expected a whole number" + (unit.isEmpty() ? "" : " of " + unit) + ", found "
                    + kind(node) + " '" + node.asText() + "'");
            return fallback;
        }
        long value = node.asLong();
        if (value < min || value > max) {
            add(path, value + " is out of range; allowed " + min + "–" + max + (unit.isEmpty() ? "" : " " + unit));
            return fallback;
        }
        return value;
    }

    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return "text";
    }
}
