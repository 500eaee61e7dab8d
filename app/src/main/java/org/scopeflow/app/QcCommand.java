package org.scopeflow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scopeflow qc <motion|ctf|pick|thumbnail> FILES…}: the built-in quality processors. */
@Command(name = "qc", mixinStandardHelpOptions = true,
        description = {"Built-in quality processors for live checks: motion, ctf, pick, thumbnail.",
                "Exit codes: 0 all files done, 1 some files failed (listed), 2 bad usage."},
        subcommands = {QcMotionCommand.class, QcCtfCommand.class, QcPickCommand.class, QcThumbnailCommand.class})
public final class QcCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a processor: motion, ctf, pick or thumbnail");
    }
}
