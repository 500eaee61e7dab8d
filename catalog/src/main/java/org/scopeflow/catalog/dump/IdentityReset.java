package org.scopeflow.catalog.dump;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import org.scopeflow.catalog.CatalogSchema;
import org.scopeflow.catalog.CatalogSchema.ColumnInfo;
import org.scopeflow.catalog.CatalogSchema.TableInfo;

/**
 * Moves every identity column's next value past the largest imported id, so that new rows do not
 * collide with imported ones: {@code setval} on PostgreSQL, {@code ALTER COLUMN … RESTART WITH} on H2.
 */
final class IdentityReset {
    private final Connection connection;

    IdentityReset(Connection connection) {
        this.connection = connection;
    }

    void resetAll(Collection<TableInfo> tables) throws SQLException {
        boolean postgres = new CatalogSchema(connection).isPostgres();
        for (TableInfo table : tables) {
            for (ColumnInfo column : table.columns()) {
                if (column.autoIncrement()) {
                    Long max = max(table.name(), column.name());
                    if (max != null) {
                        reset(postgres, table.name(), column.name(), max);
                    }
                }
            }
        }
    }

    private Long max(String table, String column) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT MAX(" + CatalogSchema.quote(column) + ") FROM "
                     + CatalogSchema.quote(table))) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? null : max;
        }
    }

    private void reset(boolean postgres, String table, String column, long max) throws SQLException {
        if (postgres) {
            try (PreparedStatement st = connection.prepareStatement(
                    "SELECT setval(pg_get_serial_sequence(?, ?), ?)")) {
                st.setString(1, CatalogSchema.quote(table));
                st.setString(2, column);
                st.setLong(3, max);
                st.execute();
            }
        } else {
            try (Statement st = connection.createStatement()) {
                st.execute("ALTER TABLE " + CatalogSchema.quote(table) + " ALTER COLUMN " + CatalogSchema.quote(column)
                        + " RESTART WITH " + (max + 1));
            }
        }
    }
}
