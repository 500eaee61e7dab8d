package org.scopeflow.pipeline.spec;

import java.util.List;
import java.util.Objects;

/**
 * What a step runs.
 *
 * @param kind     built-in processor, RELION program or command template
 * @param name     {@code motion}, {@code class2d}… for built-in and RELION tools; {@code command}
 *                 for command templates
 * @param template the command template (placeholders in braces) for {@link Kind#COMMAND}; empty otherwise
 */
public record StepTool(Kind kind, String name, String template) {
    /** Built-in processors in {@code org.scopeflow.imaging.qc}. */
    public static final List<String> BUILTINS = List.of("motion", "ctf", "pick", "thumbnail");
    /** RELION programs the pipeline knows how to drive. */
    public static final List<String> RELION = List.of("motioncorr", "autopick", "extract", "class2d");

    public enum Kind { BUILTIN, RELION, COMMAND }

    public StepTool {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        template = template == null ? "" : template;
    }

    public static StepTool command(String template) {
        return new StepTool(Kind.COMMAND, "command", template);
    }

    /** The value as written in YAML: {@code builtin:ctf}, {@code relion:class2d} or {@code command}. */
    public String label() {
        return switch (kind) {
            case BUILTIN -> "builtin:" + name;
            case RELION -> "relion:" + name;
            case COMMAND -> "command";
        };
    }
}
