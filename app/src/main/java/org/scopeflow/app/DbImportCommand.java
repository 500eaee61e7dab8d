package org.scopeflow.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.catalog.dump.CatalogImporter;
import org.scopeflow.catalog.dump.DumpSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code scopeflow db import FILE}: loads a portable dump into an empty catalog. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Loads a dump written by 'db export' into an EMPTY catalog (new database), in one transaction: "
                + "all rows or none. Migrates the target first and applies newer migrations after.")
public final class DbImportCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogOptions = new CatalogOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "Dump written by 'scopeflow db export'.")
    Path file;

    @Option(names = "--json", description = "One JSON document for scripts (snake_case fields).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("dump file " + file + " does not exist or is not a file");
        }
        CatalogSettings settings = catalogOptions.settings();
        DumpSummary summary = CatalogConnections.withCatalog(settings,
                catalog -> new CatalogImporter(catalog).importFrom(file));
        spec.commandLine().getOut().println(json ? DumpReport.json(summary, settings, file, Files.size(file))
                : "imported " + DumpReport.text(summary) + " from " + file + " into " + settings.maskedUrl());
        return ExitCodes.OK;
    }
}
