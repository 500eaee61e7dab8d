package org.scopeflow.catalog.dump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.flywaydb.core.api.MigrationVersion;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSchema;
import org.scopeflow.catalog.CatalogSchema.TableInfo;
import org.scopeflow.catalog.dump.DumpHeader.DumpColumn;

/**
 * Loads a portable dump ({@link DumpFormat}) into an empty catalog. The target is first migrated to
 * the dump's schema version, then every row is inserted in one transaction (nothing is kept if any
 * row, the row counts or the content checksum is wrong), identity sequences are moved past the
 * imported ids, and finally newer migrations are applied. Streams the file: memory does not grow
 * with its size.
 */
public final class CatalogImporter {
    private final Catalog catalog;

    /** @param catalog the target, opened with {@link Catalog#openWithoutMigrating} or already migrated */
    public CatalogImporter(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Imports {@code file}.
     *
     * @throws CatalogDumpException naming the file when it is not a valid dump, comes from a newer
     *                              schema, does not fit the target, or the target is not empty
     */
    public DumpSummary importFrom(Path file) {
        try (BufferedReader reader = open(file)) {
            String first = reader.readLine();
            if (first == null) {
                throw new CatalogDumpException(file + " is empty; it is not a Scopeflow catalog dump");
            }
            DumpHeader header = DumpHeader.parse(file, first);
            Map<String, TableInfo> targetTables = prepareTarget(file, header);
            DumpSummary summary;
            try (Connection connection = catalog.dataSource().getConnection()) {
                summary = new RowLoader(file, header, targetTables, connection).load(first, reader);
                new IdentityReset(connection).resetAll(targetTables.values());
            }
            catalog.migrate();
            return summary;
        } catch (NoSuchFileException e) {
            throw new CatalogDumpException("dump file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new CatalogDumpException("cannot read dump " + file + " (" + e.getMessage()
                    + "); it is truncated or damaged: export it again", e);
        } catch (SQLException e) {
            throw new CatalogDumpException("cannot import " + file + " into " + catalog.settings().maskedUrl()
                    + ": " + e.getMessage() + "; nothing was imported", e);
        }
    }

    private static BufferedReader open(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    /** Checks versions, migrates the target to the dump's version, checks it is empty and fits. */
    private Map<String, TableInfo> prepareTarget(Path file, DumpHeader header) throws SQLException {
        MigrationVersion dumpVersion = MigrationVersion.fromVersion(header.schemaVersion());
        MigrationVersion known = MigrationVersion.fromVersion(catalog.latestKnownVersion());
        if (dumpVersion.compareTo(known) > 0) {
            throw new CatalogDumpException(file + " holds a catalog of schema version " + header.schemaVersion()
                    + " but this Scopeflow knows migrations up to version " + known.getVersion()
                    + "; import it with the Scopeflow version that wrote it or a newer one");
        }
        if (MigrationVersion.fromVersion(catalog.schemaVersion()).compareTo(dumpVersion) < 0) {
            catalog.migrateTo(header.schemaVersion());
        }
        try (Connection connection = catalog.dataSource().getConnection()) {
            CatalogSchema schema = new CatalogSchema(connection);
            Map<String, TableInfo> tables = schema.tablesInForeignKeyOrder().stream()
                    .collect(Collectors.toMap(TableInfo::name, t -> t, (a, b) -> a, java.util.LinkedHashMap::new));
            checkFits(file, header, tables);
            checkEmpty(schema.rowCounts());
            return tables;
        }
    }

    private static void checkFits(Path file, DumpHeader header, Map<String, TableInfo> tables) {
        List<String> missing = new ArrayList<>();
        header.tables().forEach((table, columns) -> {
            TableInfo target = tables.get(table);
            if (target == null) {
                missing.add("table " + table);
                return;
            }
            for (DumpColumn column : columns) {
                if (target.columns().stream().noneMatch(c -> c.name().equals(column.name()))) {
                    missing.add("column " + table + "." + column.name());
                }
            }
        });
        if (!missing.isEmpty()) {
            throw new CatalogDumpException(file + " has data for " + String.join(", ", missing)
                    + ", which the target catalog lacks; import into a catalog of schema version "
                    + header.schemaVersion() + " (a new, empty database)");
        }
    }

    private void checkEmpty(Map<String, Long> counts) {
        String filled = counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
        if (!filled.isEmpty()) {
            throw new CatalogDumpException("target catalog " + catalog.settings().maskedUrl() + " is not empty ("
                    + filled + " rows); import only into an empty catalog: create a new database and run again");
        }
    }
}
