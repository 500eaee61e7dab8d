package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flywaydb.core.api.MigrationInfo;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scopeflow db info}: migrations (applied and pending) and rows per table. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Shows the catalog's applied and pending migrations and the number of rows in each table. "
                + "Changes nothing.")
public final class DbInfoCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogOptions = new CatalogOptions();

    @Option(names = "--json", description = "One JSON document for scripts (snake_case fields).")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One migration as shown. */
    record Migration(String version, String description, String state, String installedOn) {}

    @Override
    public Integer call() {
        CatalogSettings settings = catalogOptions.settings();
        String report = CatalogConnections.withCatalog(settings, catalog -> {
            List<Migration> migrations = migrations(catalog);
            Map<String, Long> counts = catalog.rowCounts();
            return json ? toJson(settings, catalog.schemaVersion(), migrations, counts)
                    : toText(settings, catalog.schemaVersion(), migrations, counts);
        });
        spec.commandLine().getOut().println(report);
        return ExitCodes.OK;
    }

    private static List<Migration> migrations(Catalog catalog) {
        List<Migration> out = new ArrayList<>();
        for (MigrationInfo info : catalog.flyway().info().all()) {
            out.add(new Migration(info.getVersion() == null ? "" : info.getVersion().getVersion(),
                    info.getDescription(), info.getState().getDisplayName().toLowerCase(java.util.Locale.ROOT),
                    info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant().toString()));
        }
        return out;
    }

    static String toText(CatalogSettings settings, String version, List<Migration> migrations, Map<String, Long> counts) {
        StringBuilder out = new StringBuilder("catalog " + settings.maskedUrl() + "\nschema version " + version + "\n");
        out.append("migrations:\n");
        for (Migration m : migrations) {
            out.append(String.format("  V%-5s %-30s %-10s %s%n", m.version(), m.description(), m.state(),
                    m.installedOn() == null ? "" : m.installedOn()));
        }
        out.append("rows:\n");
        counts.forEach((table, rows) -> out.append(String.format("  %-28s %,14d%n", table, rows)));
        return out.toString().stripTrailing();
    }

    static String toJson(CatalogSettings settings, String version, List<Migration> migrations, Map<String, Long> counts) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("db_url", settings.maskedUrl()).put("schema_version", version);
        ArrayNode list = root.putArray("migrations");
        for (Migration m : migrations) {
            list.addObject().put("version", m.version()).put("description", m.description()).put("state", m.state())
                    .put("installed_on", m.installedOn());
        }
        ObjectNode rows = root.putObject("row_counts");
        counts.forEach(rows::put);
        return root.toPrettyString();
    }
}
