package org.scopeflow.catalog;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.model.Instrument;
import org.scopeflow.model.NewInstrument;
import org.scopeflow.model.Page;

/** {@link InstrumentRepository} over the {@code instruments} table. */
final class JdbcInstrumentRepository implements InstrumentRepository {
    private final Jdbi jdbi;
    private final Clock clock;

    JdbcInstrumentRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Instrument create(NewInstrument in) {
        long id = SqlErrors.translate(() -> jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO instruments (name, kind, detector, pixel_size_angstrom, voltage_kv, created_at)
                        VALUES (:name, :kind, :detector, :px, :kv, :now)""")
                        .bind("name", in.name()).bind("kind", in.kind().label()).bind("detector", in.detector())
                        .bind("px", in.pixelSizeAngstrom()).bind("kv", in.voltageKv())
                        .bind("now", Timestamps.now(clock))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()),
                "instrument '" + in.name() + "' already exists; choose another name", "");
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Instrument> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM instruments WHERE id = :id")
                .bind("id", id).map(Rows.INSTRUMENT).findOne());
    }

    @Override
    public Optional<Instrument> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM instruments WHERE name = :name")
                .bind("name", name).map(Rows.INSTRUMENT).findOne());
    }

    @Override
    public Page<Instrument> list(long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM instruments WHERE id > :after ORDER BY id LIMIT :fetch")
                .bind("after", afterId).bind("fetch", fetch).map(Rows.INSTRUMENT).list()), limit, Instrument::id);
    }
}
