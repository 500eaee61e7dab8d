package org.scopeflow.app;

import java.nio.file.Path;
import org.scopeflow.model.config.FacilityConfig;
import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option shared by commands that need the facility configuration.
 * Without it, {@code $SCOPEFLOW_CONFIG} is used when set, else the built-in defaults.
 */
public final class FacilityOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Facility configuration (YAML). Default: $SCOPEFLOW_CONFIG if set, "
                    + "else built-in defaults (data in ./scopeflow-data, embedded H2 catalog, port 8080).")
    Path configFile;

    /**
     * @throws org.scopeflow.model.config.ConfigException with every problem of the file
     */
    public FacilityConfig load() {
        Path file = configFile;
        if (file == null && System.getenv("SCOPEFLOW_CONFIG") != null) {
            file = Path.of(System.getenv("SCOPEFLOW_CONFIG"));
        }
        return file == null ? FacilityConfig.defaults() : FacilityConfig.load(file, System.getenv());
    }

    /** The file that {@link #load} reads, or null for the defaults. */
    public Path file() {
        return configFile;
    }
}
