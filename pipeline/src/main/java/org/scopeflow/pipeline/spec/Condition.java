package org.scopeflow.pipeline.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition on upstream metrics, all clauses joined by {@code and}:
 * {@code ctf.resolution_angstrom <= 6 and motion.total_drift_angstrom < 20}. A metric is named
 * {@code STEP.METRIC}; STEP must be among the step's needs.
 *
 * @param text    the condition as written
 * @param clauses at least one
 */
public record Condition(String text, List<Clause> clauses) {
    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*([a-z][a-z0-9_-]*)\\.([a-z][a-z0-9_]*)\\s*(<=|>=|==|!=|<|>)\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)\\s*");

    public Condition {
        clauses = List.copyOf(clauses);
    }

    /**
     * One comparison.
     *
     * @param step      id of the step that recorded the metric
     * @param metric    metric name as the step records it, e.g. {@code resolution_angstrom}
     * @param operator  one of {@code < <= > >= == !=}
     * @param threshold the number compared with
     */
    public record Clause(String step, String metric, String operator, double threshold) {
        /** The catalog key of the metric: {@code STEP.METRIC}. */
        public String key() {
            return step + "." + metric;
        }

        public boolean test(double value) {
            return switch (operator) {
                case "<" -> value < threshold;
                case "<=" -> value <= threshold;
                case ">" -> value > threshold;
                case ">=" -> value >= threshold;
                case "==" -> value == threshold;
                default -> value != threshold;
            };
        }
    }

    /**
     * Parses a condition.
     *
     * @return the condition, or empty when a clause does not read {@code STEP.METRIC OP NUMBER}
     */
    public static Optional<Condition> parse(String text) {
        List<Clause> clauses = new ArrayList<>();
        for (String part : text.split("\\band\\b", -1)) {
            Matcher m = CLAUSE.matcher(part);
            if (!m.matches()) {
                return Optional.empty();
            }
            clauses.add(new Clause(m.group(1), m.group(2), m.group(3), Double.parseDouble(m.group(4))));
        }
        return Optional.of(new Condition(text.trim(), clauses));
    }

    /**
     * Evaluates the condition against metric values keyed {@code STEP.METRIC}.
     *
     * @return empty when every clause holds, otherwise why not (a missing metric counts as false)
     */
    public Optional<String> whyNot(Map<String, OptionalDouble> metrics) {
        for (Clause c : clauses) {
            OptionalDouble value = metrics.getOrDefault(c.key(), OptionalDouble.empty());
            if (value.isEmpty()) {
                return Optional.of("condition '" + text + "': metric " + c.key() + " was not recorded");
            }
            if (!c.test(value.getAsDouble())) {
                return Optional.of("condition '" + text + "' is false: " + c.key() + " = " + value.getAsDouble());
            }
        }
        return Optional.empty();
    }
}
