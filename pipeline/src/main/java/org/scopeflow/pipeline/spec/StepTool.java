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
 * @param versionCommand for {@link Kind#COMMAND}: a shell command whose first line of output is the
 *                 tool's version, recorded with every job (YAML {@code version_command}); empty when
 *                 not given (the version is then recorded as unknown)
 */
public record StepTool(Kind kind, String name, String template, String versionCommand) {
    /** Built-in processors in {@code org.scopeflow.imaging.qc}. */
    public static final List<String> BUILTINS = List.of("motion", "ctf", "pick", "thumbnail");
    /** RELION programs the pipeline knows how to drive. */
    public static final List<String> RELION = List.of("motioncorr", "autopick", "extract", "class2d");

    public enum Kind { BUILTIN, RELION, COMMAND }

    public StepTool {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        template = template == null ? "" : template;
        versionCommand = versionCommand == null ? "" : versionCommand;
    }

    /** A tool without a version command (built-in and RELION tools report their versions themselves). */
    public StepTool(Kind kind, String name, String template) {
        this(kind, name, template, "");
    }

    public static StepTool command(String template) {
        return command(template, "");
    }

    public static StepTool command(String template, String versionCommand) {
        return new StepTool(Kind.COMMAND, "command", template, versionCommand);
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
