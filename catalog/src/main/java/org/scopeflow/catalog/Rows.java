package org.scopeflow.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.scopeflow.model.AuditEntry;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.Dataset;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.Instrument;
import org.scopeflow.model.InstrumentKind;
import org.scopeflow.model.Membership;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;
import org.scopeflow.model.Project;
import org.scopeflow.model.ProjectRole;
import org.scopeflow.model.Session;
import org.scopeflow.model.SessionState;
import org.scopeflow.model.User;

/** Row mappers from catalog tables to model records; the same on H2 and PostgreSQL. */
final class Rows {
    private Rows() {}

    static final RowMapper<Instrument> INSTRUMENT = (rs, ctx) -> new Instrument(rs.getLong("id"),
            rs.getString("name"), InstrumentKind.fromLabel(rs.getString("kind")), rs.getString("detector"),
            nullableDouble(rs, "pixel_size_angstrom"), nullableDouble(rs, "voltage_kv"), instant(rs, "created_at"));

    static final RowMapper<User> USER = (rs, ctx) -> new User(rs.getLong("id"), rs.getString("username"),
            rs.getString("display_name"), rs.getString("email"), instant(rs, "created_at"));

    static final RowMapper<Project> PROJECT = (rs, ctx) -> new Project(rs.getLong("id"), rs.getString("name"),
            rs.getString("title"), instant(rs, "created_at"));

    static final RowMapper<Membership> MEMBERSHIP = (rs, ctx) -> new Membership(rs.getLong("project_id"),
            rs.getLong("user_id"), ProjectRole.fromLabel(rs.getString("role")), instant(rs, "created_at"));

    static final RowMapper<Session> SESSION = (rs, ctx) -> new Session(rs.getLong("id"), rs.getString("name"),
            nullableLong(rs, "project_id"), nullableLong(rs, "instrument_id"), rs.getString("operator"),
            SessionState.fromLabel(rs.getString("state")), instant(rs, "started_at"), instant(rs, "ended_at"),
            instant(rs, "created_at"));

    static final RowMapper<Dataset> DATASET = (rs, ctx) -> new Dataset(rs.getLong("id"), rs.getLong("session_id"),
            rs.getString("name"), rs.getString("kind"), instant(rs, "created_at"));

    static final RowMapper<FileRecord> FILE = Rows::file;

    static final RowMapper<MetadataValue> METADATA = (rs, ctx) -> new MetadataValue(
            MetadataOwner.fromLabel(rs.getString("owner_kind")), rs.getLong("owner_id"), rs.getString("meta_key"),
            nullableDouble(rs, "numeric_value"), rs.getString("text_value"), rs.getString("unit"));

    static final RowMapper<AuditEntry> AUDIT = (rs, ctx) -> new AuditEntry(rs.getLong("id"), instant(rs, "at"),
            rs.getString("actor"), rs.getString("action"), rs.getString("subject_kind"),
            nullableLong(rs, "subject_id"), rs.getString("detail"));

    private static FileRecord file(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        String algorithm = rs.getString("checksum_algorithm");
        Checksum checksum = algorithm == null ? null : new Checksum(algorithm, rs.getString("checksum_value"));
        return new FileRecord(rs.getLong("id"), rs.getLong("session_id"), nullableLong(rs, "dataset_id"),
                rs.getString("relative_path"), rs.getInt("version"), rs.getLong("size_bytes"), checksum,
                instant(rs, "source_mtime"), FileState.fromLabel(rs.getString("state")),
                rs.getString("storage_root"), instant(rs, "landed_at"), instant(rs, "created_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
