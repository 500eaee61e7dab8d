package org.scopeflow.model.config;

import java.util.Objects;

/**
 * One problem found in a configuration document: where it is and what is wrong with it.
 *
 * @param path    the location in the document, e.g. {@code instruments[1].voltage_kv}; never null
 * @param message what is wrong, naming the value and what is expected; never null
 */
public record ConfigProblem(String path, String message) {
    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
