package org.scopeflow.ingest.config;

import java.nio.file.Path;

/** Path values of the configuration: absolute and normalized. */
final class PathSetting {
    private PathSetting() {}

    /** The normalized absolute path, or null with a problem recorded when {@code value} is relative. */
    static Path absolute(SettingsTree tree, String path, String value) {
        if (value == null) {
            return null;
        }
        Path p = Path.of(value);
        if (!p.isAbsolute()) {
            tree.problem(path, "value '" + value + "' is a relative path; write an absolute path (the agent runs as a service)");
            return null;
        }
        return p.normalize();
    }
}
