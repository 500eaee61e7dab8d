package org.scopeflow.catalog.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.scopeflow.catalog.CatalogSchema;
import org.scopeflow.catalog.CatalogSchema.TableInfo;

/**
 * A SHA-256 of every table's content, computed the same way on H2 and PostgreSQL and independent of
 * the dump format: rows in primary-key order, each value in a canonical text form (times as UTC
 * instants, numbers by Java's own formatting, strings as they are).
 */
public final class TableDigest {
    private TableDigest() {}

    /** Table name → "rows:sha256hex" for every catalog table. */
    public static Map<String, String> of(Connection connection) throws SQLException {
        Map<String, String> digests = new LinkedHashMap<>();
        for (TableInfo table : new CatalogSchema(connection).tablesInForeignKeyOrder()) {
            digests.put(table.name(), digest(connection, table));
        }
        return digests;
    }

    private static String digest(Connection connection, TableInfo table) throws SQLException {
        MessageDigest sha = sha256();
        String order = table.orderColumns().stream().map(CatalogSchema::quote).collect(Collectors.joining(", "));
        long rows = 0;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + CatalogSchema.quote(table.name()) + " ORDER BY " + order)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String text = meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT) + "="
                            + canonical(rs, i, meta.getColumnType(i), meta.getColumnTypeName(i));
                    sha.update(text.getBytes(StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                sha.update((byte) '\n');
            }
        }
        return rows + ":" + HexFormat.of().formatHex(sha.digest());
    }

    private static String canonical(ResultSet rs, int column, int jdbcType, String typeName) throws SQLException {
        // PostgreSQL's driver reports timestamptz as Types.TIMESTAMP: tell them apart by name.
        String name = typeName.toLowerCase(java.util.Locale.ROOT);
        int type = name.equals("timestamptz") || name.contains("with time zone") ? Types.TIMESTAMP_WITH_TIMEZONE : jdbcType;
        Object value = switch (type) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
                yield t == null ? null : t.toInstant();
            }
            case Types.TIMESTAMP -> rs.getObject(column, java.time.LocalDateTime.class);
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> rs.getLong(column);
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> rs.getDouble(column);
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(column);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] bytes = rs.getBytes(column);
                yield bytes == null ? null : HexFormat.of().formatHex(bytes);
            }
            default -> rs.getString(column);
        };
        return rs.wasNull() || value == null ? "\u2205" : value.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
