package org.scopeflow.catalog;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of the catalog as the database itself describes them (JDBC metadata), so that tables
 * added by other modules' migrations are seen without a list kept by hand. Flyway's own history
 * table is left out. Works on one open connection; not thread-safe.
 */
public final class CatalogSchema {
    /** Flyway's bookkeeping table; its content is recreated by migrating, never copied. */
    public static final String FLYWAY_HISTORY = "flyway_schema_history";

    private final Connection connection;

    public CatalogSchema(Connection connection) {
        this.connection = connection;
    }

    /** Every catalog table, parents before the tables that reference them, then by name. */
    public List<TableInfo> tablesInForeignKeyOrder() throws SQLException {
        Map<String, TableInfo> byName = new TreeMap<>();
        for (String name : tableNames()) {
            byName.put(name, describe(name));
        }
        return TableOrder.parentsFirst(byName);
    }

    /** Number of rows of every catalog table, in foreign-key order. */
    public Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (TableInfo table : tablesInForeignKeyOrder()) {
            counts.put(table.name(), count(table.name()));
        }
        return counts;
    }

    /** Rows in one table. */
    public long count(String table) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether the connection talks to PostgreSQL (as opposed to H2). */
    public boolean isPostgres() throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /** An identifier in double quotes, safe for the lower-case names both databases use. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private Set<String> tableNames() throws SQLException {
        Set<String> names = new TreeSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", null)) {
            while (rs.next()) {
                String type = rs.getString("TABLE_TYPE");
                String name = rs.getString("TABLE_NAME");
                if (("TABLE".equals(type) || "BASE TABLE".equals(type)) && !FLYWAY_HISTORY.equalsIgnoreCase(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private TableInfo describe(String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = connection.getCatalog();
        String schema = connection.getSchema();
        List<ColumnInfo> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schema, table, "%")) {
            while (rs.next()) {
                columns.add(new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
                        rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT),
                        "YES".equals(rs.getString("IS_AUTOINCREMENT")), rs.getInt("ORDINAL_POSITION")));
            }
        }
        columns.sort(java.util.Comparator.comparingInt(ColumnInfo::position));
        Map<Short, String> keyColumns = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
            while (rs.next()) {
                keyColumns.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
            }
        }
        Set<String> parents = new TreeSet<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, table)) {
            while (rs.next()) {
                parents.add(rs.getString("PKTABLE_NAME"));
            }
        }
        parents.remove(table);
        return new TableInfo(table, columns, List.copyOf(keyColumns.values()), parents);
    }

    /**
     * A column.
     *
     * @param name          lower-case name
     * @param jdbcType      {@link java.sql.Types} constant
     * @param typeName      the database's own type name, lower-case
     * @param autoIncrement whether it is an identity (generated) column
     * @param position      1-based position in the table
     */
    public record ColumnInfo(String name, int jdbcType, String typeName, boolean autoIncrement, int position) {}

    /**
     * A table.
     *
     * @param name       lower-case name
     * @param columns    in table order
     * @param primaryKey primary key columns in key order; empty when there is none
     * @param parents    tables it references by foreign key, itself excluded
     */
    public record TableInfo(String name, List<ColumnInfo> columns, List<String> primaryKey, Set<String> parents) {
        /** Columns to order rows by for a stable listing: the primary key, else every column. */
        public List<String> orderColumns() {
            return primaryKey.isEmpty() ? columns.stream().map(ColumnInfo::name).toList() : primaryKey;
        }
    }
}
