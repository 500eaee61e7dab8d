package org.scopeflow.pipeline.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line with placeholders in braces, run by {@code bash -c}. Every substituted value is
 * single-quoted for the shell, so file names with spaces or quotes cannot break or inject commands.
 * {@code {inputs}} expands to all input files, each quoted, separated by spaces.
 *
 * <p>Known placeholders: {@link #PLACEHOLDERS} and {@code {param.NAME}} for each parameter.
 */
public final class CommandTemplate {
    /** Placeholders every command template may use. */
    public static final List<String> PLACEHOLDERS = List.of("input", "inputs", "output_dir", "cpus",
            "memory_mb", "gpus", "time_limit_minutes", "mpi_ranks", "item", "job_id", "session", "step");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final String template;

    public CommandTemplate(String template) {
        this.template = template;
    }

    /** Names between braces, in order of appearance, e.g. {@code input}, {@code param.threshold}. */
    public List<String> placeholders() {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * Problems with the placeholders: unknown names and {@code param.X} without a parameter X.
     *
     * @param parameterNames the step's parameter names
     */
    public List<String> problems(java.util.Set<String> parameterNames) {
        List<String> problems = new ArrayList<>();
        for (String name : placeholders()) {
            if (name.startsWith("param.")) {
                String param = name.substring("param.".length());
                if (!parameterNames.contains(param)) {
                    problems.add("placeholder {" + name + "} names no parameter; parameters: "
                            + (parameterNames.isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(parameterNames))));
                }
            } else if (!PLACEHOLDERS.contains(name)) {
                problems.add("unknown placeholder {" + name + "}; known: {"
                        + String.join("}, {", PLACEHOLDERS) + "}, {param.NAME}");
            }
        }
        if (template.chars().filter(c -> c == '{').count() != template.chars().filter(c -> c == '}').count()) {
            problems.add("unbalanced braces in command template");
        }
        return problems;
    }

    /**
     * Renders the command line.
     *
     * @param values values of plain placeholders ({@code input}, {@code output_dir}…) and of
     *               {@code param.NAME}
     * @param inputs every input file, for {@code {inputs}}
     * @throws IllegalArgumentException naming a placeholder that has no value
     */
    public String render(Map<String, String> values, List<String> inputs) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.equals("inputs")) {
                replacement = String.join(" ", inputs.stream().map(CommandTemplate::quote).toList());
            } else if (values.containsKey(name)) {
                replacement = quote(values.get(name));
            } else {
                throw new IllegalArgumentException("command template placeholder {" + name
                        + "} has no value; available: " + String.join(", ", new java.util.TreeSet<>(values.keySet())));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Single-quotes a value for bash. */
    public static String quote(String value) {
        if (value.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return template;
    }
}
