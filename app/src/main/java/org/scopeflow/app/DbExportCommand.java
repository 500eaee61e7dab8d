package org.scopeflow.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.catalog.dump.CatalogExporter;
import org.scopeflow.catalog.dump.DumpSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow db export FILE}: writes the whole catalog to a portable dump. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes every table of the catalog to FILE, a gzip'd JSON Lines dump independent of the database "
                + "(see catalog/README.md). Consistent snapshot; writers may go on meanwhile.")
public final class DbExportCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogOptions = new CatalogOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "Dump to write, e.g. catalog-2026-03-01.jsonl.gz; replaced if it exists.")
    Path file;

    @Option(names = "--json", description = "One JSON document for scripts (snake_case fields).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException("cannot write " + file + ": directory " + parent + " does not exist");
        }
        CatalogSettings settings = catalogOptions.settings();
        DumpSummary summary = CatalogConnections.withCatalog(settings,
                catalog -> new CatalogExporter(catalog, Clock.systemUTC()).export(file));
        spec.commandLine().getOut().println(json ? DumpReport.json(summary, settings, file, Files.size(file))
                : "exported " + DumpReport.text(summary) + " from " + settings.maskedUrl() + " to " + file
                        + " (" + Bytes.human(Files.size(file)) + ")");
        return ExitCodes.OK;
    }
}
