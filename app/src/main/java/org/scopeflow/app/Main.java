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
        if (args.length > 1 && args[0].equals("qc") && args[1].equals("motion")) {
            QcMotionCommand.startWarmUp();
        }
        System.exit(commandLineFor(args).execute(args));
    }

    /** The configured command line; tests execute commands through it. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new Main()));
    }

    /**
     * The command line for these arguments: for {@code qc}, a tree of the qc commands alone. Picocli
     * builds every command of a tree up front, by reflection, and the whole tree costs ~0.3 s of start-up;
     * qc commands are started per batch of files by scripts and pipelines, where that time counts.
     */
    static CommandLine commandLineFor(String[] args) {
        if (args.length > 0 && args[0].equals("qc")) {
            return configure(new CommandLine(new QcOnly()));
        }
        return commandLine();
    }

    /** The root of {@link #commandLineFor} for qc: the same name, so that messages and help read alike. */
    @Command(name = "scopeflow", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            subcommands = {CommandLine.HelpCommand.class, QcCommand.class})
    static final class QcOnly implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }
    }

    private static CommandLine configure(CommandLine cl) {
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
