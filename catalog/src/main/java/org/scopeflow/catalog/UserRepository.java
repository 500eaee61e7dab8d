package org.scopeflow.catalog;

import java.util.Optional;
import org.scopeflow.model.Page;
import org.scopeflow.model.User;

/** People known to the catalog. Thread-safe. */
public interface UserRepository {
    /**
     * Adds a user.
     *
     * @param username    unique, 1–200 characters
     * @param displayName may be null
     * @param email       may be null
     * @throws IllegalStateException when the user name is taken
     */
    User create(String username, String displayName, String email);

    Optional<User> find(long id);

    Optional<User> findByUsername(String username);

    /** Users with id greater than {@code afterId} (0 = from the start), by id, at most {@code limit}. */
    Page<User> list(long afterId, int limit);
}
