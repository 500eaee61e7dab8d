package org.scopeflow.catalog.dump;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.scopeflow.catalog.CatalogSchema;
import org.scopeflow.catalog.CatalogSchema.ColumnInfo;
import org.scopeflow.catalog.CatalogSchema.TableInfo;
import org.scopeflow.catalog.dump.DumpHeader.DumpColumn;

/**
 * Inserts the rows of a dump in one transaction, in batches, and checks the trailer (row counts and
 * content SHA-256) before committing; any problem rolls everything back.
 */
final class RowLoader {
    private static final int BATCH_ROWS = 1000;

    private final Path file;
    private final DumpHeader header;
    private final Map<String, TableInfo> targetTables;
    private final Connection connection;
    private final boolean postgres;
    private final MessageDigest digest = DumpDigest.newSha256();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Set<String> finishedTables = new HashSet<>();

    private String table;
    private PreparedStatement insert;
    private List<DumpColumn> columns;
    private int pending;
    private long lineNumber = 1;

    RowLoader(Path file, DumpHeader header, Map<String, TableInfo> targetTables, Connection connection)
            throws SQLException {
        this.file = file;
        this.header = header;
        this.targetTables = targetTables;
        this.connection = connection;
        this.postgres = new CatalogSchema(connection).isPostgres();
        header.tables().keySet().forEach(t -> counts.put(t, 0L));
    }

    DumpSummary load(String headerLine, BufferedReader reader) throws IOException, SQLException {
        digestLine(headerLine);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            JsonNode trailer = insertRows(reader);
            DumpSummary summary = verify(trailer);
            connection.commit();
            return summary;
        } catch (IOException | SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            closeInsert();
            connection.setAutoCommit(autoCommit);
        }
    }

    private JsonNode insertRows(BufferedReader reader) throws IOException, SQLException {
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            JsonNode node = DumpHeader.parseJson(file, line, lineNumber);
            if (node.path("trailer").asBoolean(false)) {
                flush();
                return node;
            }
            digestLine(line);
            insert(node);
        }
        throw new CatalogDumpException(file + " ends after line " + lineNumber + " without its trailer: the dump is "
                + "truncated; export it again (nothing was imported)");
    }

    private void insert(JsonNode node) throws SQLException {
        String rowTable = node.path("t").asText();
        if (!rowTable.equals(table)) {
            startTable(rowTable);
        }
        JsonNode values = node.path("r");
        if (values.size() != columns.size()) {
            throw new CatalogDumpException(file + " line " + lineNumber + ": a row of " + table + " has "
                    + values.size() + " values but the header lists " + columns.size() + " columns");
        }
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).type().bind(insert, i + 1, values.get(i));
        }
        insert.addBatch();
        counts.merge(table, 1L, Long::sum);
        if (++pending >= BATCH_ROWS) {
            flush();
        }
    }

    private void startTable(String next) throws SQLException {
        flush();
        closeInsert();
        if (table != null) {
            finishedTables.add(table);
        }
        if (!header.tables().containsKey(next) || finishedTables.contains(next)) {
            throw new CatalogDumpException(file + " line " + lineNumber + ": rows of table '" + next + "' "
                    + (finishedTables.contains(next) ? "appear after other tables' rows" : "are not in the header")
                    + "; the dump is damaged: export it again");
        }
        table = next;
        columns = header.tables().get(next);
        insert = connection.prepareStatement(insertSql(next, columns));
    }

    private String insertSql(String name, List<DumpColumn> dumpColumns) {
        TableInfo target = targetTables.get(name);
        String names = dumpColumns.stream().map(c -> CatalogSchema.quote(c.name())).collect(Collectors.joining(", "));
        String values = dumpColumns.stream().map(c -> c.type().placeholder(targetType(target, c.name()), postgres))
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + CatalogSchema.quote(name) + " (" + names + ") VALUES (" + values + ")";
    }

    private static String targetType(TableInfo target, String column) {
        return target.columns().stream().filter(c -> c.name().equals(column)).map(ColumnInfo::typeName)
                .findFirst().orElseThrow();
    }

    private DumpSummary verify(JsonNode trailer) {
        String expectedSha = trailer.path("content_sha256").asText();
        String actualSha = HexFormat.of().formatHex(digest.digest());
        if (!expectedSha.equals(actualSha)) {
            throw new CatalogDumpException(file + " content SHA-256 is " + actualSha + " but its trailer says "
                    + expectedSha + "; the dump is damaged: export it again (nothing was imported)");
        }
        counts.forEach((name, count) -> {
            long expected = trailer.path("row_counts").path(name).asLong(-1);
            if (expected != count) {
                throw new CatalogDumpException(file + " has " + count + " rows of " + name + " but its trailer says "
                        + expected + "; the dump is damaged: export it again (nothing was imported)");
            }
        });
        return new DumpSummary(header.schemaVersion(), counts, actualSha);
    }

    private void flush() throws SQLException {
        if (insert != null && pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    private void closeInsert() throws SQLException {
        if (insert != null) {
            insert.close();
            insert = null;
        }
    }

    private void digestLine(String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }
}
