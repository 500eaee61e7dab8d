package org.scopeflow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code scopeflow db}: the catalog database's schema, contents and portable dumps. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Catalog database: migrate the schema, show what it holds, export and import portable dumps "
                + "(e.g. to move from the embedded H2 to PostgreSQL).",
        subcommands = {DbMigrateCommand.class, DbInfoCommand.class, DbExportCommand.class, DbImportCommand.class})
public final class DbCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
