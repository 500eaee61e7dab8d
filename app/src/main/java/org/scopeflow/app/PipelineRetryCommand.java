package org.scopeflow.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.scopeflow.pipeline.job.JobRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow pipeline retry SESSION [--step ID]}: queues failed and cancelled jobs again. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = "Queues the failed and cancelled jobs of a session (or of one step) again with one more attempt each; "
                + "a running engine (or the next `scopeflow pipeline run`) runs them. Earlier attempts stay recorded.")
public final class PipelineRetryCommand implements Callable<Integer> {
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
            int n = new JobRepository(catalog.jdbi(), Clock.systemUTC()).retry(id, step);
            spec.commandLine().getOut().println("session " + id + ": " + n + " jobs queued again");
            return ExitCodes.OK;
        });
    }
}
