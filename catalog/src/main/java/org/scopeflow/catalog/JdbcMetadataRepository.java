package org.scopeflow.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;
import org.scopeflow.model.MetadataOwner;
import org.scopeflow.model.MetadataValue;

/**
 * {@link MetadataRepository} over the {@code metadata_values} table; writes are a standard MERGE
 * (H2 refuses PostgreSQL's {@code ON CONFLICT … DO UPDATE}).
 */
final class JdbcMetadataRepository implements MetadataRepository {
    private static final String UPSERT = """
            MERGE INTO metadata_values m
            USING (SELECT CAST(:kind AS VARCHAR(10)) AS owner_kind, CAST(:owner AS BIGINT) AS owner_id,
                          CAST(:key AS VARCHAR(200)) AS meta_key, CAST(:number AS DOUBLE PRECISION) AS numeric_value,
                          CAST(:text AS VARCHAR(4000)) AS text_value, CAST(:unit AS VARCHAR(32)) AS unit,
                          CAST(:now AS TIMESTAMP WITH TIME ZONE) AS recorded_at) s
            ON m.owner_kind = s.owner_kind AND m.owner_id = s.owner_id AND m.meta_key = s.meta_key
            WHEN MATCHED THEN UPDATE SET numeric_value = s.numeric_value, text_value = s.text_value,
                                         unit = s.unit, recorded_at = s.recorded_at
            WHEN NOT MATCHED THEN INSERT (owner_kind, owner_id, meta_key, numeric_value, text_value, unit, recorded_at)
                 VALUES (s.owner_kind, s.owner_id, s.meta_key, s.numeric_value, s.text_value, s.unit, s.recorded_at)""";

    private final Jdbi jdbi;
    private final Clock clock;

    JdbcMetadataRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void put(MetadataValue value) {
        putAll(List.of(value));
    }

    @Override
    public void putAll(List<MetadataValue> values) {
        if (values.isEmpty()) {
            return;
        }
        Instant now = Timestamps.now(clock);
        SqlErrors.translate(() -> jdbi.inTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(UPSERT);
            for (MetadataValue value : values) {
                bind(batch, value, now).add();
            }
            return batch.execute();
        }), "metadata " + values.get(0).key() + " was written concurrently by another writer; retry", "");
    }

    @Override
    public Optional<MetadataValue> get(MetadataOwner owner, long ownerId, String key) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM metadata_values WHERE owner_kind = :kind AND owner_id = :owner AND meta_key = :key""")
                .bind("kind", owner.label()).bind("owner", ownerId).bind("key", key)
                .map(Rows.METADATA).findOne());
    }

    @Override
    public List<MetadataValue> list(MetadataOwner owner, long ownerId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM metadata_values WHERE owner_kind = :kind AND owner_id = :owner ORDER BY meta_key""")
                .bind("kind", owner.label()).bind("owner", ownerId).map(Rows.METADATA).list());
    }

    private static <S extends SqlStatement<S>> S bind(S statement, MetadataValue value, Instant now) {
        return statement.bind("kind", value.owner().label()).bind("owner", value.ownerId())
                .bind("key", value.key()).bind("number", value.numericValue()).bind("text", value.textValue())
                .bind("unit", value.unit()).bind("now", now);
    }
}
