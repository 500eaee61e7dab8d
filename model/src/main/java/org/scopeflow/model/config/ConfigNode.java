package org.scopeflow.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A position in a parsed configuration document that knows its path ({@code instruments[1].voltage_kv})
 * and reads typed values from it. A value of the wrong type or out of range is recorded in the shared
 * {@link ConfigProblems} and the default is returned, so that reading goes on and every problem of
 * the document is reported together.
 */
public final class ConfigNode {
    private final JsonNode node;
    private final String path;
    private final ConfigProblems problems;

    public ConfigNode(JsonNode node, String path, ConfigProblems problems) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
        this.problems = problems;
    }

    public String path() {
        return path;
    }

    public ConfigProblems problems() {
        return problems;
    }

    /** True when the key is present and not null. */
    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    /** The child at {@code key}; a missing child reads as all defaults. */
    public ConfigNode child(String key) {
        ConfigNode child = new ConfigNode(node.get(key), childPath(key), problems);
        if (!child.isMissing() && !child.node.isObject()) {
            problems.add(child.path, describe(child.node) + " is not a mapping; expected key: value pairs");
            return new ConfigNode(null, child.path, problems);
        }
        return child;
    }

    /** Reports every key not in {@code known}, naming the known ones. */
    public void allowOnly(Collection<String> known) {
        if (!node.isObject()) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(childPath(name), "unknown setting; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    public String string(String key, String defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.isValueNode()) {
            problems.add(childPath(key), describe(v) + " is not a text value");
            return defaultValue;
        }
        return v.asText();
    }

    /** A required text value: a missing or blank one is a problem ({@code null} is returned). */
    public String requiredString(String key) {
        String value = string(key, null);
        if (value == null || value.isBlank()) {
            problems.add(childPath(key), "is required");
            return null;
        }
        return value;
    }

    /** A text value that must be one of {@code allowed}. */
    public String choice(String key, String defaultValue, Collection<String> allowed) {
        String value = string(key, defaultValue);
        if (value != null && !allowed.contains(value)) {
            problems.add(childPath(key), "'" + value + "' is not allowed; expected one of " + String.join(", ", allowed));
            return defaultValue;
        }
        return value;
    }

    public boolean bool(String key, boolean defaultValue) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
            return Boolean.parseBoolean(v.asText());
        }
        problems.add(childPath(key), describe(v) + " is not true or false");
        return defaultValue;
    }

    /**
     * A whole number in [min, max].
     *
     * @param what what the number is, for the message ("a port", "a count of threads")
     */
    public int integer(String key, int defaultValue, int min, int max, String what) {
        Optional<Double> value = number(key, what);
        if (value.isEmpty()) {
            return defaultValue;
        }
        double d = value.get();
        if (d != Math.rint(d) || d < min || d > max) {
            problems.add(childPath(key), format(d) + " is not " + what + "; expected " + min + "–" + max);
            return defaultValue;
        }
        return (int) d;
    }

    /** A number in [min, max]; {@code null} default means optional. */
    public Double decimal(String key, Double defaultValue, double min, double max, String what) {
        Optional<Double> value = number(key, what);
        if (value.isEmpty()) {
            return defaultValue;
        }
        double d = value.get();
        if (!(d >= min && d <= max)) {
            problems.add(childPath(key), format(d) + " is not " + what + "; expected " + format(min) + "–" + format(max));
            return defaultValue;
        }
        return d;
    }

    /** A filesystem path; relative ones are resolved against {@code base}. */
    public Path path(String key, Path defaultValue, Path base) {
        String text = string(key, null);
        if (text == null) {
            return defaultValue;
        }
        return toPath(childPath(key), text, base, defaultValue);
    }

    /** The items of a list; a missing list is empty. */
    public List<ConfigNode> list(String key) {
        JsonNode v = node.get(key);
        List<ConfigNode> items = new ArrayList<>();
        if (v == null || v.isNull()) {
            return items;
        }
        if (!v.isArray()) {
            problems.add(childPath(key), describe(v) + " is not a list; expected items starting with '- '");
            return items;
        }
        for (int i = 0; i < v.size(); i++) {
            items.add(new ConfigNode(v.get(i), childPath(key) + "[" + i + "]", problems));
        }
        return items;
    }

    /** A list of text values; a single text value reads as a list of one. */
    public List<String> strings(String key) {
        JsonNode v = node.get(key);
        List<String> values = new ArrayList<>();
        if (v == null || v.isNull()) {
            return values;
        }
        if (v.isValueNode()) {
            values.add(v.asText());
            return values;
        }
        for (ConfigNode item : list(key)) {
            if (item.node.isValueNode()) {
                values.add(item.node.asText());
            } else {
                problems.add(item.path, describe(item.node) + " is not a text value");
            }
        }
        return values;
    }

    /** The entries of a mapping in document order; a missing mapping is empty. */
    public Map<String, ConfigNode> entries(String key) {
        ConfigNode map = child(key);
        Map<String, ConfigNode> entries = new LinkedHashMap<>();
        if (map.isMissing()) {
            return entries;
        }
        map.node.fields().forEachRemaining(e ->
                entries.put(e.getKey(), new ConfigNode(e.getValue(), map.childPath(e.getKey()), problems)));
        return entries;
    }

    /** This node's own scalar text (for the values of {@link #entries}). */
    public String text() {
        if (!node.isValueNode()) {
            problems.add(path, describe(node) + " is not a text value");
            return null;
        }
        return node.asText();
    }

    /** This node's own value as a path (for the values of {@link #entries}). */
    public Path asPath(Path base) {
        String text = text();
        return text == null ? null : toPath(path, text, base, null);
    }

    private Path toPath(String at, String text, Path base, Path fallback) {
        try {
            Path p = Path.of(text);
            return p.isAbsolute() || base == null ? p.normalize() : base.resolve(p).normalize();
        } catch (InvalidPathException e) {
            problems.add(at, "'" + text + "' is not a valid path: " + e.getReason());
            return fallback;
        }
    }

    private Optional<Double> number(String key, String what) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(v.doubleValue());
        }
        if (v.isTextual()) {
            try {
                return Optional.of(Double.parseDouble(v.asText().trim()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problems.add(childPath(key), describe(v) + " is not " + what + "; expected a number");
        return Optional.empty();
    }

    private String childPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "'" + v.asText() + "'";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        return v.toString();
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
