package org.scopeflow.pipeline.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.FileSystems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one step mapping, reporting every problem of the step itself (cross-step checks come later). */
final class StepParser {
    static final Set<String> KEYS = Set.of("id", "description", "uses", "command", "version_command", "inputs", "needs",
            "parameters", "resources", "executor", "trigger", "condition", "retries", "outputs");
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    private static final Pattern OUTPUT_REF = Pattern.compile("([a-z][a-z0-9_-]*)\\.output");
    private static final Pattern PARAM = Pattern.compile("[a-z][a-z0-9_]*");

    private final Problems problems;

    StepParser(Problems problems) {
        this.problems = problems;
    }

    /** The step, or null when it is too broken to take part in cross-step checks (no usable id). */
    StepSpec parse(String path, JsonNode node) {
        if (!node.isObject()) {
            problems.add(path, "expected a mapping with at least id and uses or command, found " + Problems.kind(node));
            return null;
        }
        problems.unknownKeys(path, node, KEYS);
        String id = problems.text(path + ".id", node.get("id"));
        if (id == null) {
            problems.add(path + ".id", "missing; every step needs an id");
        } else if (!ID.matcher(id).matches()) {
            problems.add(path + ".id", "'" + id + "' is not a valid id; use lower-case letters, digits, '-' and '_', starting with a letter");
        }
        Map<String, Object> parameters = parameters(path + ".parameters", node.get("parameters"));
        StepTool tool = tool(path, node, parameters);
        List<StepInput> inputs = inputs(path + ".inputs", node.get("inputs"));
        List<String> needs = textList(path + ".needs", node.get("needs"));
        Resources resources = resources(path + ".resources", node.get("resources"));
        if (resources.mpiRanks() > 1 && tool.kind() == StepTool.Kind.BUILTIN) {
            problems.add(path + ".resources.mpi_ranks", resources.mpiRanks() + ", but " + tool.label()
                    + " runs as one process; remove mpi_ranks (MPI is for relion: and command steps)");
        }
        StepSpec step = new StepSpec(id == null ? "" : id, tool, inputs, needs, parameters, resources,
                executor(path + ".executor", node.get("executor")),
                trigger(path + ".trigger", node.get("trigger")),
                condition(path + ".condition", node.get("condition")),
                retries(path + ".retries", node.get("retries")),
                outputs(path + ".outputs", node.get("outputs")));
        return id == null ? null : step;
    }

    private StepTool tool(String path, JsonNode node, Map<String, Object> parameters) {
        String uses = problems.text(path + ".uses", node.get("uses"));
        String command = problems.text(path + ".command", node.get("command"));
        String version = problems.text(path + ".version_command", node.get("version_command"));
        if (uses != null && command != null) {
            problems.add(path, "has both uses and command; keep one");
        }
        if (version != null && command == null) {
            problems.add(path + ".version_command", "is only for command steps; built-in and RELION tools record "
                    + "their versions themselves: remove it");
        } else if (version != null && version.isBlank()) {
            problems.add(path + ".version_command", "is empty; write a command that prints the tool's version, "
                    + "e.g. \"mytool --version\", or remove the key");
        }
        if (command != null) {
            if (command.isBlank()) {
                problems.add(path + ".command", "is empty; write the command line to run");
            }
            new CommandTemplate(command).problems(parameters.keySet())
                    .forEach(p -> problems.add(path + ".command", p));
            return StepTool.command(command, version);
        }
        if (uses == null) {
            problems.add(path, "needs uses (builtin:…, relion:…) or command");
            return StepTool.command("");
        }
        return uses(path + ".uses", uses);
    }

    private StepTool uses(String path, String uses) {
        int colon = uses.indexOf(':');
        String prefix = colon < 0 ? uses : uses.substring(0, colon);
        String name = colon < 0 ? "" : uses.substring(colon + 1);
        if (prefix.equals("builtin") && StepTool.BUILTINS.contains(name)) {
            return new StepTool(StepTool.Kind.BUILTIN, name, "");
        }
        if (prefix.equals("relion") && StepTool.RELION.contains(name)) {
            return new StepTool(StepTool.Kind.RELION, name, "");
        }
        List<String> known = new ArrayList<>();
        StepTool.BUILTINS.forEach(b -> known.add("builtin:" + b));
        StepTool.RELION.forEach(r -> known.add("relion:" + r));
        problems.add(path, "unknown tool '" + uses + "'; known: " + String.join(", ", known)
                + " (or write a command: template)");
        return StepTool.command("");
    }

    private Map<String, Object> parameters(String path, JsonNode node) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            problems.add(path, "expected a mapping of name: value, found " + Problems.kind(node));
            return params;
        }
        node.fields().forEachRemaining(e -> {
            String p = path + "." + e.getKey();
            if (!PARAM.matcher(e.getKey()).matches()) {
                problems.add(p, "parameter name '" + e.getKey() + "' must be lower-case letters, digits and '_'");
            } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                problems.add(p, "expected a number, text or boolean, found " + Problems.kind(e.getValue()));
            } else {
                JsonNode v = e.getValue();
                params.put(e.getKey(), v.isNumber() ? v.numberValue() : v.isBoolean() ? v.booleanValue() : v.asText());
            }
        });
        return params;
    }

    private List<StepInput> inputs(String path, JsonNode node) {
        List<StepInput> inputs = new ArrayList<>();
        for (String entry : textList(path, node)) {
            var ref = OUTPUT_REF.matcher(entry);
            if (ref.matches()) {
                inputs.add(StepInput.outputOf(ref.group(1)));
            } else if (validGlob(path, entry)) {
                inputs.add(StepInput.files(entry));
            }
        }
        return inputs;
    }

    private boolean validGlob(String path, String glob) {
        if (glob.startsWith("/") || glob.contains("..")) {
            problems.add(path, "pattern '" + glob + "' must be relative to the session and stay inside it (no leading / or ..)");
            return false;
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(path, "pattern '" + glob + "' is not a valid glob: " + e.getMessage());
            return false;
        }
    }

    private List<String> outputs(String path, JsonNode node) {
        return textList(path, node).stream().filter(o -> validGlob(path, o)).toList();
    }

    List<String> textList(String path, JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isValueNode()) {
            values.add(node.asText());
            return values;
        }
        if (!node.isArray()) {
            problems.add(path, "expected a text value or a list of them, found " + Problems.kind(node));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            String v = problems.text(path + "[" + i + "]", node.get(i));
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    private Resources resources(String path, JsonNode node) {
        Resources d = Resources.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            problems.add(path, "expected a mapping (cpus, memory_mb, gpus, time_limit_minutes, mpi_ranks), found "
                    + Problems.kind(node));
            return d;
        }
        problems.unknownKeys(path, node, Set.of("cpus", "memory_mb", "gpus", "time_limit_minutes", "mpi_ranks"));
        return new Resources(
                (int) problems.integer(path + ".cpus", node.get("cpus"), 1, Resources.MAX_CPUS, d.cpus(), "CPUs"),
                problems.integer(path + ".memory_mb", node.get("memory_mb"), 1, Resources.MAX_MEMORY_MB, d.memoryMb(), "MiB"),
                (int) problems.integer(path + ".gpus", node.get("gpus"), 0, Resources.MAX_GPUS, d.gpus(), "GPUs"),
                (int) problems.integer(path + ".time_limit_minutes", node.get("time_limit_minutes"), 1,
                        Resources.MAX_TIME_LIMIT_MINUTES, d.timeLimitMinutes(), "minutes"),
                (int) problems.integer(path + ".mpi_ranks", node.get("mpi_ranks"), 1, Resources.MAX_MPI_RANKS,
                        d.mpiRanks(), "MPI processes"));
    }

    private ExecutorChoice executor(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return ExecutorChoice.LOCAL;
        }
        JsonNode typeNode = node.isObject() ? node.get("type") : node;
        if (node.isObject()) {
            problems.unknownKeys(path, node, Set.of("type", "partition", "account"));
        }
        String type = problems.text(node.isObject() ? path + ".type" : path, typeNode);
        String partition = node.isObject() ? problems.text(path + ".partition", node.get("partition")) : null;
        String account = node.isObject() ? problems.text(path + ".account", node.get("account")) : null;
        if ("slurm".equals(type)) {
            return new ExecutorChoice(ExecutorChoice.Type.SLURM, partition, account);
        }
        if (!"local".equals(type)) {
            problems.add(node.isObject() ? path + ".type" : path, "unknown executor '" + type + "'; known: local, slurm");
        } else if (partition != null || account != null) {
            problems.add(path, "partition and account apply to the slurm executor only; remove them or use type: slurm");
        }
        return ExecutorChoice.LOCAL;
    }

    private Trigger trigger(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return Trigger.EACH;
        }
        if (node.isTextual() && node.asText().equals("each")) {
            return Trigger.EACH;
        }
        if (node.isTextual() && node.asText().equals("final")) {
            return Trigger.FINAL;
        }
        JsonNode batch = node.isObject() ? node.get("batch") : null;
        if (batch == null || !batch.isObject() || node.size() != 1) {
            problems.add(path, "expected each, final or batch: {every_items: N, every_minutes: M}, found "
                    + (node.isValueNode() ? "'" + node.asText() + "'" : Problems.kind(node)));
            return Trigger.EACH;
        }
        problems.unknownKeys(path + ".batch", batch, Set.of("every_items", "every_minutes"));
        int items = (int) problems.integer(path + ".batch.every_items", batch.get("every_items"), 1, 10_000_000, 0, "items");
        int minutes = (int) problems.integer(path + ".batch.every_minutes", batch.get("every_minutes"), 1, 10_080, 0, "minutes");
        if (!batch.has("every_items") && !batch.has("every_minutes")) {
            problems.add(path + ".batch", "needs every_items, every_minutes or both");
        }
        return Trigger.batch(items, minutes);
    }

    private Condition condition(String path, JsonNode node) {
        String text = problems.text(path, node);
        if (text == null) {
            return null;
        }
        return Condition.parse(text).orElseGet(() -> {
            problems.add(path, "'" + text + "' is not a condition; write STEP.METRIC OP NUMBER joined by 'and', "
                    + "e.g. ctf.resolution_angstrom <= 6 (OP: < <= > >= == !=)");
            return null;
        });
    }

    private Retries retries(String path, JsonNode node) {
        if (node == null || node.isNull()) {
            return Retries.NONE;
        }
        if (!node.isObject()) {
            problems.add(path, "expected a mapping (max, backoff_seconds), found " + Problems.kind(node));
            return Retries.NONE;
        }
        problems.unknownKeys(path, node, Set.of("max", "backoff_seconds"));
        return new Retries((int) problems.integer(path + ".max", node.get("max"), 0, Retries.MAX_RETRIES, 0, "retries"),
                (int) problems.integer(path + ".backoff_seconds", node.get("backoff_seconds"), 0, 86_400, 30, "seconds"));
    }
}
