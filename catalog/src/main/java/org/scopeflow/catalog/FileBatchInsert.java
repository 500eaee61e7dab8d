package org.scopeflow.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.NewFile;

/**
 * Inserts many files (version 1) with multi-row {@code INSERT … VALUES (…), (…) ON CONFLICT DO NOTHING}
 * statements of {@value #ROWS_PER_STATEMENT} rows. One statement per hundred rows instead of one per
 * row is what lets both H2 and PostgreSQL register tens of thousands of files per second, and unlike
 * a driver-rewritten JDBC batch the update count still says how many rows were new. Runs on the
 * caller's connection and transaction.
 */
final class FileBatchInsert {
    static final int ROWS_PER_STATEMENT = 100;
    private static final String COLUMNS = "INSERT INTO files (session_id, dataset_id, relative_path, path_sha256, "
            + "version, size_bytes, checksum_algorithm, checksum_value, source_mtime, state, created_at) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, 1, ?, ?, ?, ?, 'registered', ?)";
    private static final int PARAMETERS_PER_ROW = 9;

    private final Connection connection;

    FileBatchInsert(Connection connection) {
        this.connection = connection;
    }

    /** Inserts the files; returns how many were new (paths already registered are skipped). */
    int insert(List<NewFile> files, Instant now) {
        int added = 0;
        try (PreparedStatement full = connection.prepareStatement(sql(Math.min(ROWS_PER_STATEMENT, files.size())))) {
            int fullChunks = files.size() / ROWS_PER_STATEMENT;
            for (int chunk = 0; chunk < fullChunks; chunk++) {
                added += execute(full, files.subList(chunk * ROWS_PER_STATEMENT, (chunk + 1) * ROWS_PER_STATEMENT), now);
            }
            List<NewFile> rest = files.subList(fullChunks * ROWS_PER_STATEMENT, files.size());
            if (fullChunks == 0) {
                return execute(full, rest, now);
            }
            if (!rest.isEmpty()) {
                try (PreparedStatement last = connection.prepareStatement(sql(rest.size()))) {
                    added += execute(last, rest, now);
                }
            }
            return added;
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException("registering " + files.size() + " files: " + e.getMessage(),
                    e, null);
        }
    }

    private static String sql(int rows) {
        StringBuilder sql = new StringBuilder(COLUMNS.length() + rows * (ROW.length() + 2) + 24).append(COLUMNS);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
    }

    private static int execute(PreparedStatement st, List<NewFile> rows, Instant now) throws SQLException {
        Object createdAt = now.atOffset(ZoneOffset.UTC);
        int p = 1;
        for (NewFile file : rows) {
            Checksum checksum = file.checksum();
            st.setLong(p++, file.sessionId());
            setNullableLong(st, p++, file.datasetId());
            st.setString(p++, file.relativePath());
            st.setString(p++, PathDigest.sha256Hex(file.relativePath()));
            st.setLong(p++, file.sizeBytes());
            st.setString(p++, checksum == null ? null : checksum.algorithm());
            st.setString(p++, checksum == null ? null : checksum.hex());
            Instant mtime = Timestamps.stored(file.sourceMtime());
            st.setObject(p++, mtime == null ? null : mtime.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
            st.setObject(p++, createdAt, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        assert p - 1 == rows.size() * PARAMETERS_PER_ROW;
        return st.executeUpdate();
    }

    private static void setNullableLong(PreparedStatement st, int index, Long value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.BIGINT);
        } else {
            st.setLong(index, value);
        }
    }
}
