package org.scopeflow.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Page;
import org.scopeflow.model.Session;
import org.scopeflow.model.SessionState;

/** {@link SessionRepository} over the {@code sessions} table. */
final class JdbcSessionRepository implements SessionRepository {
    private final Jdbi jdbi;
    private final Clock clock;

    JdbcSessionRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Session create(NewSession s) {
        long id = SqlErrors.translate(() -> jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO sessions (name, project_id, instrument_id, operator, state, started_at, created_at)
                        VALUES (:name, :project, :instrument, :operator, :state, :started, :now)""")
                        .bind("name", s.name()).bind("project", s.projectId()).bind("instrument", s.instrumentId())
                        .bind("operator", s.operator()).bind("state", SessionState.OPEN.label())
                        .bind("started", Timestamps.stored(s.startedAt())).bind("now", Timestamps.now(clock))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()),
                "session '" + s.name() + "' already exists at instrument " + s.instrumentId()
                        + "; choose another name or use the existing session",
                "project " + s.projectId() + " or instrument " + s.instrumentId() + " does not exist");
        return find(id).orElseThrow();
    }

    @Override
    public Optional<Session> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sessions WHERE id = :id")
                .bind("id", id).map(Rows.SESSION).findOne());
    }

    @Override
    public Optional<Session> findByName(Long instrumentId, String name) {
        String instrumentClause = instrumentId == null ? "instrument_id IS NULL" : "instrument_id = :instrument";
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM sessions WHERE " + instrumentClause + " AND name = :name")
                .bind("instrument", instrumentId).bind("name", name).map(Rows.SESSION).findOne());
    }

    @Override
    public Page<Session> list(long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM sessions WHERE id > :after ORDER BY id LIMIT :fetch")
                .bind("after", afterId).bind("fetch", fetch).map(Rows.SESSION).list()), limit, Session::id);
    }

    @Override
    public Page<Session> listByProject(long projectId, long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM sessions WHERE project_id = :project AND id > :after ORDER BY id LIMIT :fetch")
                .bind("project", projectId).bind("after", afterId).bind("fetch", fetch)
                .map(Rows.SESSION).list()), limit, Session::id);
    }

    @Override
    public Session changeState(long sessionId, SessionState target) {
        Session current = find(sessionId).orElseThrow(() -> missing(sessionId));
        current.state().checkMoveTo(target, "session " + sessionId + " (" + current.name() + ")");
        Instant endedAt = switch (target) {
            case CLOSED -> Timestamps.now(clock);
            case OPEN -> null;
            default -> current.endedAt();
        };
        int updated = jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE sessions SET state = :to, ended_at = :ended WHERE id = :id AND state = :from")
                .bind("to", target.label()).bind("ended", endedAt).bind("id", sessionId)
                .bind("from", current.state().label()).execute());
        if (updated == 0) {
            throw new IllegalStateException("session " + sessionId + " changed state while moving it from "
                    + current.state().label() + " to " + target.label() + "; read it again and retry");
        }
        return find(sessionId).orElseThrow(() -> missing(sessionId));
    }

    @Override
    public Session assignProject(long sessionId, long projectId) {
        int updated = SqlErrors.translate(() -> jdbi.withHandle(h -> h.createUpdate(
                                "UPDATE sessions SET project_id = :project WHERE id = :id")
                        .bind("project", projectId).bind("id", sessionId).execute()),
                "", "project " + projectId + " does not exist; create it first");
        if (updated == 0) {
            throw missing(sessionId);
        }
        return find(sessionId).orElseThrow(() -> missing(sessionId));
    }

    private static IllegalStateException missing(long sessionId) {
        return new IllegalStateException("session " + sessionId + " does not exist");
    }
}
