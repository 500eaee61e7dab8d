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

    /**
     * JVM options a {@code scopeflow qc PROCESSOR} process is started with, by the pipeline engine (one
     * process per item) and by {@code bin/scopeflow} (which keeps the same table). ctf, pick and thumbnail
     * run with the C1 compiler only: a pipeline job handles one micrograph, and C2's compilations cost
     * more than they save on one (4096² on one core: CTF 0.75–0.98 s instead of 1.22–1.55 s; pick 0.86–0.96
     * instead of 1.18–1.23 s; thumbnail 0.55–0.58 instead of 0.68–0.85 s), while over 16 micrographs C1's
     * CTF is only a little slower (0.35–0.52 against 0.30–0.53 s each). motion keeps C2: its transforms are
     * loops that only C2 vectorises (one 4096² movie: 4.8–5.2 s with it, 6.4–6.6 s without).
     */
    static java.util.List<String> jvmOptions(String processor) {
        return switch (processor) {
            case "ctf", "pick", "thumbnail" -> java.util.List.of("-XX:TieredStopAtLevel=1");
            default -> java.util.List.of();
        };
    }
}
