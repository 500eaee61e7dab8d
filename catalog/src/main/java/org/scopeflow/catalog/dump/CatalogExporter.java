package org.scopeflow.catalog.dump;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSchema;
import org.scopeflow.catalog.CatalogSchema.ColumnInfo;
import org.scopeflow.catalog.CatalogSchema.TableInfo;

/**
 * Writes a catalog to a portable dump ({@link DumpFormat}). Streams: rows go from the database
 * cursor to the compressed file one at a time, so memory does not grow with the catalog. Reads
 * inside one repeatable-read transaction, so the dump is one consistent snapshot while writers go on.
 * The file appears only when complete (written to a temporary sibling, then renamed).
 */
public final class CatalogExporter {
    private static final int FETCH_ROWS = 1000;

    private final Catalog catalog;
    private final Clock clock;

    public CatalogExporter(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Writes every catalog table to {@code target}, replacing it.
     *
     * @throws CatalogDumpException naming the file when the database or the file fails
     */
    public DumpSummary export(Path target) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        String schemaVersion = catalog.schemaVersion();
        if ("0".equals(schemaVersion)) {
            throw new CatalogDumpException("catalog " + catalog.settings().maskedUrl()
                    + " has no Scopeflow schema (never migrated); nothing to export to " + target);
        }
        try (Connection connection = catalog.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            DumpSummary summary;
            try (OutputStream out = new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(partial), 1 << 16))) {
                summary = write(connection, schemaVersion, new LineWriter(out));
            } finally {
                connection.rollback();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return summary;
        } catch (SQLException | IOException e) {
            deleteQuietly(partial);
            throw new CatalogDumpException("cannot export catalog " + catalog.settings().maskedUrl() + " to "
                    + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    private DumpSummary write(Connection connection, String schemaVersion, LineWriter out)
            throws SQLException, IOException {
        List<TableInfo> tables = new CatalogSchema(connection).tablesInForeignKeyOrder();
        Map<String, List<DumpType>> types = new LinkedHashMap<>();
        for (TableInfo table : tables) {
            types.put(table.name(), table.columns().stream().map(c -> DumpType.of(table.name(), c)).toList());
        }
        out.line(header(connection, schemaVersion, tables, types));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TableInfo table : tables) {
            counts.put(table.name(), writeRows(connection, table, types.get(table.name()), out));
        }
        String sha256 = HexFormat.of().formatHex(out.digest.digest());
        ObjectNode trailer = DumpFormat.JSON.createObjectNode().put("trailer", true);
        counts.forEach(trailer.putObject("row_counts")::put);
        trailer.put("content_sha256", sha256);
        out.lineUndigested(trailer);
        return new DumpSummary(schemaVersion, counts, sha256);
    }

    private ObjectNode header(Connection connection, String schemaVersion, List<TableInfo> tables,
                              Map<String, List<DumpType>> types) throws SQLException {
        ObjectNode header = DumpFormat.JSON.createObjectNode()
                .put("format", DumpFormat.FORMAT_NAME).put("format_version", DumpFormat.FORMAT_VERSION)
                .put("schema_version", schemaVersion).put("created_at", clock.instant().toString())
                .put("source_database", connection.getMetaData().getDatabaseProductName() + " "
                        + connection.getMetaData().getDatabaseProductVersion());
        ArrayNode tableNodes = header.putArray("tables");
        for (TableInfo table : tables) {
            ObjectNode node = tableNodes.addObject().put("name", table.name());
            ArrayNode columns = node.putArray("columns");
            List<DumpType> columnTypes = types.get(table.name());
            for (int i = 0; i < table.columns().size(); i++) {
                columns.addObject().put("name", table.columns().get(i).name()).put("type", columnTypes.get(i).label());
            }
        }
        return header;
    }

    private static long writeRows(Connection connection, TableInfo table, List<DumpType> types, LineWriter out)
            throws SQLException, IOException {
        String columns = table.columns().stream().map(ColumnInfo::name).map(CatalogSchema::quote)
                .collect(Collectors.joining(", "));
        String order = table.orderColumns().stream().map(CatalogSchema::quote).collect(Collectors.joining(", "));
        long rows = 0;
        try (Statement st = connection.createStatement()) {
            st.setFetchSize(FETCH_ROWS);
            try (ResultSet rs = st.executeQuery("SELECT " + columns + " FROM " + CatalogSchema.quote(table.name())
                    + " ORDER BY " + order)) {
                while (rs.next()) {
                    ObjectNode line = DumpFormat.JSON.createObjectNode().put("t", table.name());
                    ArrayNode values = line.putArray("r");
                    for (int i = 0; i < types.size(); i++) {
                        values.add(types.get(i).read(rs, i + 1));
                    }
                    out.line(line);
                    rows++;
                }
            }
        }
        return rows;
    }

    private static void deleteQuietly(Path partial) {
        try {
            Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // The export already failed with its own message; a left-over .partial file is harmless.
        }
    }

    /** Writes JSON documents one per line and digests them (all but the trailer). */
    private static final class LineWriter {
        final MessageDigest digest = DumpDigest.newSha256();
        private final OutputStream out;

        LineWriter(OutputStream out) {
            this.out = out;
        }

        void line(ObjectNode node) throws IOException {
            byte[] bytes = DumpFormat.JSON.writeValueAsBytes(node);
            digest.update(bytes);
            digest.update((byte) '\n');
            out.write(bytes);
            out.write('\n');
        }

        void lineUndigested(ObjectNode node) throws IOException {
            out.write(DumpFormat.JSON.writeValueAsBytes(node));
            out.write('\n');
        }
    }
}
