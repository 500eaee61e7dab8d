package org.scopeflow.catalog;

import java.time.Clock;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.model.Page;
import org.scopeflow.model.User;

/** {@link UserRepository} over the {@code users} table. */
final class JdbcUserRepository implements UserRepository {
    private final Jdbi jdbi;
    private final Clock clock;

    JdbcUserRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public User create(String username, String displayName, String email) {
        if (username == null || username.isBlank() || username.length() > 200) {
            throw new IllegalArgumentException("user name '" + username + "' must have 1–200 characters");
        }
        long id = SqlErrors.translate(() -> jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO users (username, display_name, email, created_at)
                        VALUES (:username, :display, :email, :now)""")
                        .bind("username", username).bind("display", displayName).bind("email", email)
                        .bind("now", Timestamps.now(clock))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()),
                "user '" + username + "' already exists; choose another user name", "");
        return find(id).orElseThrow();
    }

    @Override
    public Optional<User> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE id = :id")
                .bind("id", id).map(Rows.USER).findOne());
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE username = :username")
                .bind("username", username).map(Rows.USER).findOne());
    }

    @Override
    public Page<User> list(long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM users WHERE id > :after ORDER BY id LIMIT :fetch")
                .bind("after", afterId).bind("fetch", fetch).map(Rows.USER).list()), limit, User::id);
    }
}
