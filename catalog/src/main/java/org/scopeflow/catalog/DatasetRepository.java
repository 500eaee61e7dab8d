package org.scopeflow.catalog;

import java.util.Optional;
import org.scopeflow.model.Dataset;
import org.scopeflow.model.Page;

/** Groups of files of one kind in a session. Thread-safe. */
public interface DatasetRepository {
    /**
     * Adds a dataset to a session.
     *
     * @param name unique in the session, 1–400 characters
     * @param kind 1–50 characters, e.g. {@code movies}
     * @throws IllegalStateException when the name is taken in the session or the session does not exist
     */
    Dataset create(long sessionId, String name, String kind);

    Optional<Dataset> find(long id);

    Optional<Dataset> findByName(long sessionId, String name);

    /** Datasets of a session with id greater than {@code afterId}, by id, at most {@code limit}. */
    Page<Dataset> listBySession(long sessionId, long afterId, int limit);
}
