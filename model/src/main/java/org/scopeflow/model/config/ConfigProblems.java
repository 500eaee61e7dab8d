package org.scopeflow.model.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found while reading one document, so that all are reported at once. */
public final class ConfigProblems {
    private final String source;
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** @param source the file or description the problems are about, used in the final message */
    public ConfigProblems(String source) {
        this.source = source;
    }

    public void add(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    /** @throws ConfigException listing every problem collected, when there is at least one */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
    }
}
