package org.scopeflow.app;

import java.util.concurrent.Callable;
import org.scopeflow.catalog.CatalogSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scopeflow db migrate}: applies pending schema migrations. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Creates or upgrades the catalog schema (Flyway migrations of every module).")
public final class DbMigrateCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogOptions = new CatalogOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CatalogSettings settings = catalogOptions.settings();
        String done = CatalogConnections.withCatalog(settings, catalog -> {
            int applied = catalog.migrate();
            return "catalog " + settings.maskedUrl() + ": applied " + applied + " migration"
                    + (applied == 1 ? "" : "s") + ", schema version " + catalog.schemaVersion();
        });
        spec.commandLine().getOut().println(done);
        return ExitCodes.OK;
    }
}
