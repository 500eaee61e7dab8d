package org.scopeflow.catalog;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.model.Dataset;
import org.scopeflow.model.Page;

/** {@link DatasetRepository} over the {@code datasets} table. */
final class JdbcDatasetRepository implements DatasetRepository {
    private final Jdbi jdbi;
    private final Clock clock;

    JdbcDatasetRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Dataset create(long sessionId, String name, String kind) {
        if (name == null || name.isBlank() || name.length() > 400) {
            throw new IllegalArgumentException("dataset name '" + name + "' must have 1–400 characters");
        }
        if (kind == null || kind.isBlank() || kind.length() > 50) {
            throw new IllegalArgumentException("dataset kind '" + kind + "' must have 1–50 characters");
        }
        long id = SqlErrors.translate(() -> jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO datasets (session_id, name, kind, created_at)
                        VALUES (:session, :name, :kind, :now)""")
                        .bind("session", sessionId).bind("name", name).bind("kind", kind)
                        .bind("now", Timestamps.now(clock))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()),
                "dataset '" + name + "' already exists in session " + sessionId + "; choose another name",
                "session " + sessionId + " does not exist; create it first");
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Dataset> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM datasets WHERE id = :id")
                .bind("id", id).map(Rows.DATASET).findOne());
    }

    @Override
    public Optional<Dataset> findByName(long sessionId, String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM datasets WHERE session_id = :session AND name = :name")
                .bind("session", sessionId).bind("name", name).map(Rows.DATASET).findOne());
    }

    @Override
    public Page<Dataset> listBySession(long sessionId, long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM datasets WHERE session_id = :session AND id > :after ORDER BY id LIMIT :fetch")
                .bind("session", sessionId).bind("after", afterId).bind("fetch", fetch)
                .map(Rows.DATASET).list()), limit, Dataset::id);
    }
}
