package org.scopeflow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code scopeflow} command line. */
@Command(name = "scopeflow", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Scopeflow takes imaging data from the microscope to the archive.",
        subcommands = {CommandLine.HelpCommand.class, AgentCommand.class, IngestCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests execute commands through it. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(ExitCodes::forException);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
