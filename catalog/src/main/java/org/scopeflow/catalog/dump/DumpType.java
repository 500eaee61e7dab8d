package org.scopeflow.catalog.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import org.scopeflow.catalog.CatalogSchema.ColumnInfo;

/**
 * How a column's values are written in a dump, independent of the database that wrote them. Each
 * type reads a value from a {@link ResultSet}, turns it into JSON, and binds the JSON back into an
 * insert on the other database. SQL NULL is JSON null for every type.
 */
enum DumpType {
    /** 64-bit and smaller integers: a JSON number. */
    INTEGER,
    /** Double or real: a JSON number; NaN and ±Infinity as the strings "NaN", "Infinity", "-Infinity". */
    DOUBLE,
    /** Exact decimals: the plain decimal text, e.g. "12.50". */
    DECIMAL,
    /** Character data: a JSON string. */
    TEXT,
    /** A JSON boolean. */
    BOOLEAN,
    /** TIMESTAMP WITH TIME ZONE: the UTC instant in ISO-8601, e.g. "2026-03-01T08:00:00.123456Z". */
    TIMESTAMPTZ,
    /** TIMESTAMP without zone: ISO-8601 local date-time. */
    TIMESTAMP,
    /** ISO-8601 date. */
    DATE,
    /** Binary data: standard base64. */
    BYTES,
    /** JSON columns (H2 JSON, PostgreSQL json/jsonb): the JSON document as a string. */
    JSON,
    /** UUID: the canonical text form. */
    UUID;

    /** The dump type of a column. @throws CatalogDumpException for a type the dump cannot carry */
    static DumpType of(String table, ColumnInfo column) {
        String name = column.typeName().toLowerCase(Locale.ROOT);
        if (name.equals("timestamptz") || name.contains("with time zone")) {
            return TIMESTAMPTZ;
        }
        if (name.equals("json") || name.equals("jsonb")) {
            return JSON;
        }
        if (name.equals("uuid")) {
            return UUID;
        }
        return switch (column.jdbcType()) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> INTEGER;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> DOUBLE;
            case Types.NUMERIC, Types.DECIMAL -> DECIMAL;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.CLOB -> TEXT;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.TIMESTAMP -> TIMESTAMP;
            case Types.DATE -> DATE;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
            default -> throw new CatalogDumpException("column " + table + "." + column.name() + " has type "
                    + column.typeName() + " (JDBC " + column.jdbcType() + "), which the catalog dump cannot carry; "
                    + "use one of integer, double, numeric, varchar, boolean, timestamp, date, binary, json, uuid");
        };
    }

    /** Reads column {@code index} of the current row as JSON. */
    JsonNode read(ResultSet rs, int index) throws SQLException {
        JsonNodeFactory json = JsonNodeFactory.instance;
        JsonNode value = switch (this) {
            case INTEGER -> json.numberNode(rs.getLong(index));
            case DOUBLE -> doubleNode(rs.getDouble(index));
            case DECIMAL -> text(rs.getBigDecimal(index) == null ? null : rs.getBigDecimal(index).toPlainString());
            case TEXT, JSON, UUID -> text(rs.getString(index));
            case BOOLEAN -> json.booleanNode(rs.getBoolean(index));
            case TIMESTAMPTZ -> text(format(rs.getObject(index, OffsetDateTime.class)));
            case TIMESTAMP -> text(format(rs.getObject(index, LocalDateTime.class)));
            case DATE -> text(format(rs.getObject(index, LocalDate.class)));
            case BYTES -> text(rs.getBytes(index) == null ? null : Base64.getEncoder().encodeToString(rs.getBytes(index)));
        };
        return rs.wasNull() ? json.nullNode() : value;
    }

    /** Binds a JSON value read from a dump to parameter {@code index}. */
    void bind(PreparedStatement st, int index, JsonNode value) throws SQLException {
        if (value == null || value.isNull()) {
            st.setObject(index, null);
            return;
        }
        switch (this) {
            case INTEGER -> st.setLong(index, value.asLong());
            case DOUBLE -> st.setDouble(index, value.isTextual() ? Double.parseDouble(value.asText()) : value.asDouble());
            case DECIMAL -> st.setBigDecimal(index, new BigDecimal(value.asText()));
            case TEXT, JSON, UUID -> st.setString(index, value.asText());
            case BOOLEAN -> st.setBoolean(index, value.asBoolean());
            case TIMESTAMPTZ -> st.setObject(index, Instant.parse(value.asText()).atOffset(ZoneOffset.UTC));
            case TIMESTAMP -> st.setObject(index, LocalDateTime.parse(value.asText()));
            case DATE -> st.setObject(index, LocalDate.parse(value.asText()));
            case BYTES -> st.setBytes(index, Base64.getDecoder().decode(value.asText()));
        }
    }

    /** The placeholder for this type in an INSERT on the target database. */
    String placeholder(String targetTypeName, boolean postgres) {
        return switch (this) {
            case JSON -> postgres ? "CAST(? AS " + targetTypeName + ")" : "? FORMAT JSON";
            case UUID -> "CAST(? AS UUID)";
            default -> "?";
        };
    }

    /** The lower-case name written in the dump header. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DumpType fromLabel(String label) {
        try {
            return valueOf(label.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CatalogDumpException("column type '" + label + "' in the dump header is unknown to this "
                    + "Scopeflow; import the dump with the Scopeflow version that wrote it or a newer one");
        }
    }

    private static JsonNode doubleNode(double v) {
        return Double.isFinite(v) ? JsonNodeFactory.instance.numberNode(v) : JsonNodeFactory.instance.textNode(Double.toString(v));
    }

    private static JsonNode text(String s) {
        return s == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(s);
    }

    private static String format(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static String format(Object t) {
        return t == null ? null : t.toString();
    }
}
