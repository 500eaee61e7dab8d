package org.scopeflow.app;

import java.util.concurrent.Callable;
import org.scopeflow.pipeline.provenance.ProvenanceReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow pipeline provenance SESSION}: the processing history of a session, with a methods paragraph. */
@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = "Prints the whole processing history of a session as JSON: every job with its command line, tool and "
                + "version, parameters, host or Slurm job id, times, exit code, failure reason, input files with checksums "
                + "and output files; and a methods paragraph with the references of the tools used.")
public final class PipelineProvenanceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SESSION", description = "Session id or name.")
    String session;

    @Option(names = "--methods", description = "Print only the methods paragraph (text), not the JSON.")
    boolean methodsOnly;

    @Mixin
    CatalogOptions catalogOptions = new CatalogOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String out = CatalogConnections.withCatalog(catalogOptions.settings(), catalog -> {
            ProvenanceReport report = new ProvenanceReport(catalog.jdbi());
            long id = PipelineSessions.id(catalog.jdbi(), session);
            var doc = report.report(id);
            return methodsOnly ? doc.get("methods_paragraph").asText() : doc.toPrettyString();
        });
        spec.commandLine().getOut().println(out);
        return ExitCodes.OK;
    }
}
