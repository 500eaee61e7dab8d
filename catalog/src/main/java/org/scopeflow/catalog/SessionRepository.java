package org.scopeflow.catalog;

import java.util.Optional;
import org.scopeflow.model.NewSession;
import org.scopeflow.model.Page;
import org.scopeflow.model.Session;
import org.scopeflow.model.SessionState;

/** Acquisition sessions. Thread-safe. */
public interface SessionRepository {
    /**
     * Opens a session (state {@code open}).
     *
     * @throws IllegalStateException when the instrument already has a session of that name, or the
     *                               project or instrument does not exist
     */
    Session create(NewSession session);

    Optional<Session> find(long id);

    /** The session of that name at the instrument ({@code null} instrument = sessions without one). */
    Optional<Session> findByName(Long instrumentId, String name);

    /** Sessions with id greater than {@code afterId} (0 = from the start), by id, at most {@code limit}. */
    Page<Session> list(long afterId, int limit);

    /** Sessions of one project, keyset-paginated like {@link #list}. */
    Page<Session> listByProject(long projectId, long afterId, int limit);

    /**
     * Changes the state. Closing records the end time (from the catalog's clock); reopening clears it.
     *
     * @return the session as stored afterwards
     * @throws IllegalStateException when the change is not allowed from the current state (the
     *                               message names both states and the allowed ones) or the session is gone
     */
    Session changeState(long sessionId, SessionState target);

    /** Assigns the session to a project. @throws IllegalStateException when either does not exist */
    Session assignProject(long sessionId, long projectId);
}
