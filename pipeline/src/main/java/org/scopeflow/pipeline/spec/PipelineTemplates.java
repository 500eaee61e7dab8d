package org.scopeflow.pipeline.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The pipeline templates shipped in the jar under {@code templates/}. */
public final class PipelineTemplates {
    /** Template names; {@code templates/NAME.yaml} holds each. */
    public static final List<String> NAMES = List.of("single-particle-live-builtin", "single-particle-live-relion",
            "light-sheet", "tomography-imod");

    private PipelineTemplates() {
    }

    /**
     * The YAML of a template.
     *
     * @throws IllegalArgumentException naming the known templates when there is no such template
     */
    public static String yaml(String name) {
        try (InputStream in = PipelineTemplates.class.getResourceAsStream("/templates/" + name + ".yaml")) {
            if (in == null || !NAMES.contains(name)) {
                throw new IllegalArgumentException("no pipeline template '" + name + "'; known: " + String.join(", ", NAMES));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name + " from the jar", e);
        }
    }
}
