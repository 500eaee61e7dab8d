package org.scopeflow.app;

import org.scopeflow.model.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code scopeflow} command line. */
@Command(name = "scopeflow", mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Scopeflow takes imaging data from the microscope to the archive.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            ConfigCommand.class,
            AgentCommand.class,
            IngestCommand.class,
            DbCommand.class,
            PipelineCommand.class,
            SimulateCommand.class,
            QcCommand.class,
            ServerCommand.class,
            UserCommand.class,
        })
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
        cl.setExecutionExceptionHandler(Main::reportFailure);
        return cl;
    }

    /**
     * Expected failures (bad configuration, bad arguments, unreachable services) print one clear
     * message without a stack trace; anything else is a bug and prints its full trace.
     */
    private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        java.io.PrintWriter err = cl.getErr();
        if (e instanceof ConfigException || e instanceof IllegalArgumentException || e instanceof UserFacingException) {
            err.println(cl.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        } else {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.forException(e);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
