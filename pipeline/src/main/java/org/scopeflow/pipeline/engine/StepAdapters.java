package org.scopeflow.pipeline.engine;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.scopeflow.pipeline.spec.StepSpec;
import org.scopeflow.pipeline.spec.StepTool;

/**
 * The adapters an engine knows: {@code command:} always; {@code builtin:NAME} and {@code relion:NAME}
 * as registered (the app wires the built-in processors and RELION adapters). A step whose tool has no
 * adapter fails with a reason saying so rather than being silently skipped.
 */
public final class StepAdapters {
    private final Map<StepTool.Kind, Map<String, StepAdapter>> byKind = new EnumMap<>(StepTool.Kind.class);

    public StepAdapters() {
        register(StepTool.Kind.COMMAND, "command", new CommandStepAdapter());
    }

    /** Registers (or replaces) the adapter of a tool, e.g. {@code (BUILTIN, "ctf", adapter)}. */
    public StepAdapters register(StepTool.Kind kind, String name, StepAdapter adapter) {
        byKind.computeIfAbsent(kind, k -> new HashMap<>()).put(name, adapter);
        return this;
    }

    /** The adapter of the step's tool; throws {@link IllegalArgumentException} naming the tool when none. */
    public StepAdapter forStep(StepSpec step) {
        StepAdapter a = byKind.getOrDefault(step.tool().kind(), Map.of()).get(step.tool().name());
        if (a == null) {
            throw new IllegalArgumentException("step " + step.id() + ": " + step.tool().label()
                    + " is not available in this Scopeflow build (no adapter registered); use a command: step instead");
        }
        return a;
    }
}
