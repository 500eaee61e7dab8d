package org.scopeflow.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.scopeflow.pipeline.job.JobRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow pipeline cancel SESSION [--step ID]}: stops a session's unfinished jobs. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Cancels the unfinished jobs of a session (or of one step): queued jobs at once, running ones by the "
                + "engine that holds them on its next pass (local process killed, Slurm job scancelled).")
public final class PipelineCancelCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SESSION", description = "Session id or name.")
    String session;

    @Option(names = "--step", paramLabel = "ID", description = "Only this step's jobs (default: every step).")
    String step;

    @Mixin
    CatalogOptions catalogOptions = new CatalogOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return CatalogConnections.withMigratedCatalog(catalogOptions.settings(), catalog -> {
            long id = PipelineSessions.id(catalog.jdbi(), session);
            int n = new JobRepository(catalog.jdbi(), Clock.systemUTC()).requestCancel(id, step, "cancelled by request");
            spec.commandLine().getOut().println("session " + id + ": " + n + " jobs cancelled or asked to cancel");
            return ExitCodes.OK;
        });
    }
}
