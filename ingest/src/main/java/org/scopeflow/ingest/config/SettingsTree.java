package org.scopeflow.ingest.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scopeflow.model.config.ConfigProblem;

/**
 * Reads typed values out of a YAML tree while collecting every problem with its path, so that a
 * configuration is reported in full rather than one error at a time. Scalars get {@code ${ENV}}
 * substitution. Not thread-safe; one instance per document.
 */
final class SettingsTree {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern PROTECTED = Pattern.compile("SFENV__([A-Za-z_][A-Za-z0-9_]*?)__SFENV");
    private final Function<String, String> environment;
    private final List<ConfigProblem> problems = new ArrayList<>();

    SettingsTree(Function<String, String> environment) {
        this.environment = environment;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    /** Reports keys of {@code node} that are not in {@code known} (typos would otherwise be ignored). */
    void rejectUnknownKeys(JsonNode node, String path, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                problem(join(path, key), "unknown setting '" + key + "'; known here: " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    Optional<String> string(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isValueNode()) {
            problem(join(path, key), "expected a text value, found " + describe(n));
            return Optional.empty();
        }
        return substitute(join(path, key), n.asText());
    }

    String requiredString(JsonNode parent, String path, String key, String example) {
        Optional<String> s = string(parent, path, key);
        if (s.isEmpty() && parent.get(key) == null) {
            problem(join(path, key), "missing; e.g. " + key + ": " + example);
        }
        return s.orElse(null);
    }

    Optional<Double> number(JsonNode parent, String path, String key, double min, double max) {
        Optional<String> s = string(parent, path, key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            double v = Double.parseDouble(s.get());
            if (v < min || v > max || Double.isNaN(v)) {
                problem(join(path, key), "value " + s.get() + " is out of range; use a number from " + fmt(min) + " to " + fmt(max));
                return Optional.empty();
            }
            return Optional.of(v);
        } catch (NumberFormatException e) {
            problem(join(path, key), "value '" + s.get() + "' is not a number");
            return Optional.empty();
        }
    }

    Optional<Boolean> bool(JsonNode parent, String path, String key) {
        Optional<String> s = string(parent, path, key);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (!s.get().equals("true") && !s.get().equals("false")) {
            problem(join(path, key), "value '" + s.get() + "' is not true or false");
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(s.get()));
    }

    /** A list of strings; a single string counts as a one-element list. */
    List<String> strings(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isValueNode()) {
            substitute(join(path, key), n.asText()).ifPresent(out::add);
            return out;
        }
        if (!n.isArray()) {
            problem(join(path, key), "expected a list of text values, found " + describe(n));
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String p = join(path, key) + "[" + i + "]";
            if (!n.get(i).isValueNode()) {
                problem(p, "expected a text value, found " + describe(n.get(i)));
            } else {
                substitute(p, n.get(i).asText()).ifPresent(out::add);
            }
        }
        return out;
    }

    Optional<JsonNode> object(JsonNode parent, String path, String key) {
        JsonNode n = parent.get(key);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isObject()) {
            problem(join(path, key), "expected a mapping of settings, found " + describe(n));
            return Optional.empty();
        }
        return Optional.of(n);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String describe(JsonNode n) {
        if (n.isArray()) {
            return "a list";
        }
        return n.isObject() ? "a mapping" : "'" + n.asText() + "'";
    }

    /** Rewrites ${NAME} as a token YAML accepts anywhere a plain scalar may stand. */
    static String protectEnv(String yaml) {
        return ENV.matcher(yaml).replaceAll("SFENV__$1__SFENV");
    }

    private Optional<String> substitute(String path, String protectedRaw) {
        String raw = PROTECTED.matcher(protectedRaw).replaceAll(m -> Matcher.quoteReplacement("${" + m.group(1) + "}"));
        Matcher m = ENV.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null) {
                problem(path, "environment variable " + m.group(1) + " (in '" + raw + "') is not set; export it or write the value");
                ok = false;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return ok ? Optional.of(out.toString()) : Optional.empty();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

}
