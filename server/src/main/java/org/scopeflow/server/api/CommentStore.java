package org.scopeflow.server.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.auth.Times;

/** Comments on sessions (table session_comments). Thread-safe. */
public final class CommentStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public CommentStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * A comment.
     *
     * @param id        comment id
     * @param sessionId the session
     * @param username  author
     * @param body      text, 1–4000 characters
     * @param createdAt when written
     */
    public record Comment(long id, long sessionId, String username, String body, Instant createdAt) {}

    /** @throws IllegalArgumentException for an empty or over-long body */
    static String validBody(String body) {
        if (body.isBlank() || body.length() > 4000) {
            throw new IllegalArgumentException("a comment has 1–4000 characters (got " + body.length() + ")");
        }
        return body;
    }

    public Comment add(long sessionId, Principal author, String body) {
        Instant now = clock.instant();
        long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO session_comments (session_id, user_id, body, created_at) VALUES (:s, :u, :b, :t)")
                .bind("s", sessionId).bind("u", author.userId()).bind("b", body).bind("t", Times.utc(now))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Comment(id, sessionId, author.username(), body, now);
    }

    /** The session's comments, oldest first, at most 1000. */
    public List<Comment> list(long sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.id, c.session_id, u.username, c.body, c.created_at FROM session_comments c "
                        + "JOIN users u ON u.id = c.user_id WHERE c.session_id = :s ORDER BY c.id LIMIT 1000")
                .bind("s", sessionId).map((rs, x) -> new Comment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Times.read(rs, "created_at"))).list());
    }
}
