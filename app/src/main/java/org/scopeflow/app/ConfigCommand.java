package org.scopeflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.scopeflow.model.config.FacilityConfig;
import org.scopeflow.model.config.InstrumentConfig;
import org.scopeflow.model.config.ProjectConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scopeflow config check|example}: validate a facility configuration, or print a documented one. */
@Command(name = "config", description = "Check the facility configuration or print a documented example.",
        mixinStandardHelpOptions = true, subcommands = {ConfigCommand.Check.class, ConfigCommand.Example.class})
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Read and validate the configuration; print the effective settings. "
                    + "Exit 2 listing every problem with its path and value.")
    static final class Check implements Callable<Integer> {
        @Mixin
        FacilityOptions options;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            FacilityConfig config = options.load();
            PrintWriter out = spec.commandLine().getOut();
            out.println((options.file() == null ? "built-in defaults" : options.file()) + ": OK");
            out.println("  http_port     " + config.httpPort());
            out.println("  data_dir      " + config.dataDir().toAbsolutePath());
            out.println("  catalog       " + (config.dbUrl() == null ? "embedded H2 in data_dir" : config.dbUrl()));
            config.storageRoots().forEach((name, path) -> out.println("  storage_root  " + name + " → " + path));
            for (InstrumentConfig i : config.instruments()) {
                out.println("  instrument    " + i.name() + " (" + i.kind() + ")");
            }
            for (ProjectConfig p : config.projects()) {
                out.println("  project       " + p.name() + " (" + p.members().size() + " members)");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "example", mixinStandardHelpOptions = true,
            description = "Print a documented configuration file with every setting and its default.")
    static final class Example implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (InputStream in = ConfigCommand.class.getResourceAsStream("scopeflow.example.yaml")) {
                if (in == null) {
                    throw new IllegalStateException("scopeflow.example.yaml is missing from the jar; rebuild it");
                }
                spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                spec.commandLine().getOut().flush();
            }
            return ExitCodes.OK;
        }
    }
}
