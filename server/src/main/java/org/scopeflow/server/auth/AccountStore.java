package org.scopeflow.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Accounts, login sessions and API tokens in the catalog database (tables of V20__accounts.sql).
 * Secrets go in and come out only as SHA-256 digests. Thread-safe.
 */
public final class AccountStore {
    private static final String ACCOUNT_COLUMNS =
            "u.id, u.username, u.display_name, a.role, a.disabled, a.created_at";
    private static final long LAST_USED_RESOLUTION_MILLIS = 60_000;
    private final Jdbi jdbi;
    private final Clock clock;
    /** Token digest → when last_used_at was last written; limits that write to once a minute per token. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> lastUsedWritten = new java.util.concurrent.ConcurrentHashMap<>();

    public AccountStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Creates a user with an account, or gives an account to an existing catalog user of that name.
     *
     * @param passwordHash Argon2id PHC string, or null for accounts that log in only with tokens
     * @throws IllegalArgumentException when an account of that name already exists
     */
    public Account create(String username, String displayName, Role role, String passwordHash) {
        if (username == null || !username.matches("[A-Za-z0-9][A-Za-z0-9_.@-]{0,199}")) {
            throw new IllegalArgumentException("user name '" + username
                    + "' is not valid; use 1–200 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        return jdbi.inTransaction(h -> {
            if (findByUsername(h, username).isPresent()) {
                throw new IllegalArgumentException("user '" + username + "' already exists; use 'scopeflow user passwd' to change the password");
            }
            Instant now = clock.instant();
            long userId = h.createQuery("SELECT id FROM users WHERE username = :u").bind("u", username)
                    .mapTo(Long.class).findOne()
                    .orElseGet(() -> h.createUpdate("INSERT INTO users (username, display_name, created_at) VALUES (:u, :d, :t)")
                            .bind("u", username).bind("d", displayName).bind("t", Times.utc(now))
                            .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            h.createUpdate("INSERT INTO accounts (user_id, role, password_hash, password_changed_at, created_at) "
                            + "VALUES (:id, :r, :p, :pt, :t)")
                    .bind("id", userId).bind("r", role.label()).bind("p", passwordHash)
                    .bind("pt", passwordHash == null ? null : Times.utc(now)).bind("t", Times.utc(now)).execute();
            return findByUsername(h, username).orElseThrow();
        });
    }

    public Optional<Account> findByUsername(String username) {
        return jdbi.withHandle(h -> findByUsername(h, username));
    }

    public Optional<Account> find(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS
                        + " FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.id = :id")
                .bind("id", userId).map((rs, c) -> account(rs)).findOne());
    }

    /** Accounts ordered by user id, after {@code afterId}, at most {@code limit + 1} rows. */
    public List<Account> list(long afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + ACCOUNT_COLUMNS
                        + " FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.id > :after ORDER BY u.id LIMIT :n")
                .bind("after", afterId).bind("n", limit + 1).map((rs, c) -> account(rs)).list());
    }

    /** The stored password hash, empty for token-only accounts or unknown users. */
    public Optional<String> passwordHash(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.password_hash FROM users u JOIN accounts a ON a.user_id = u.id "
                        + "WHERE u.username = :u AND a.disabled = FALSE")
                .bind("u", username).mapTo(String.class).findOne());
    }

    /** @throws IllegalArgumentException when no account has that name */
    public void setPassword(String username, String passwordHash) {
        int n = jdbi.withHandle(h -> h.createUpdate("UPDATE accounts SET password_hash = :p, password_changed_at = :t "
                        + "WHERE user_id = (SELECT id FROM users WHERE username = :u)")
                .bind("p", passwordHash).bind("t", Times.utc(clock.instant())).bind("u", username).execute());
        if (n == 0) {
            throw new IllegalArgumentException("no account named '" + username + "'; create it with 'scopeflow user add'");
        }
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_sessions WHERE user_id = (SELECT id FROM users WHERE username = :u)")
                .bind("u", username).execute());
    }

    public boolean anyAdmin() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM accounts WHERE role = 'admin'")
                .mapTo(Long.class).one()) > 0;
    }

    /** Starts a login session; returns its secret id (for the cookie) and CSRF token. */
    public LoginSession startLoginSession(long userId, Duration lifetime) {
        String id = SecretTokens.generate("");
        String csrf = SecretTokens.sha256(SecretTokens.generate(""));
        Instant now = clock.instant();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO login_sessions (id_sha256, user_id, csrf_token, created_at, expires_at) "
                        + "VALUES (:id, :u, :c, :t, :e)")
                .bind("id", SecretTokens.sha256(id)).bind("u", userId).bind("c", csrf)
                .bind("t", Times.utc(now)).bind("e", Times.utc(now.plus(lifetime))).execute());
        return new LoginSession(id, csrf, now.plus(lifetime));
    }

    public void endLoginSession(String sessionSecret) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM login_sessions WHERE id_sha256 = :id")
                .bind("id", SecretTokens.sha256(sessionSecret)).execute());
    }

    /** The caller behind a login-session cookie, if the session is live and the account enabled. */
    public Optional<Principal> principalForLoginSession(String sessionSecret) {
        return jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.username, a.role, s.csrf_token FROM login_sessions s "
                        + "JOIN users u ON u.id = s.user_id JOIN accounts a ON a.user_id = u.id "
                        + "WHERE s.id_sha256 = :id AND s.expires_at > :now AND a.disabled = FALSE")
                .bind("id", SecretTokens.sha256(sessionSecret)).bind("now", Times.utc(clock.instant()))
                .map((rs, c) -> principal(h, rs, rs.getString("csrf_token"))).findOne());
    }

    /** Issues a token; the returned secret is shown once and never stored. */
    public String createToken(long userId, String name, Instant expiresAt) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("token name '" + name + "' must have 1–200 characters, e.g. 'agent krios-1'");
        }
        String secret = SecretTokens.generate(SecretTokens.API_PREFIX);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_tokens (user_id, name, token_sha256, created_at, expires_at) "
                        + "VALUES (:u, :n, :s, :t, :e)")
                .bind("u", userId).bind("n", name).bind("s", SecretTokens.sha256(secret))
                .bind("t", Times.utc(clock.instant())).bind("e", Times.utc(expiresAt)).execute());
        return secret;
    }

    public List<ApiToken> tokens(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_tokens WHERE user_id = :u ORDER BY id")
                .bind("u", userId).map((rs, c) -> token(rs)).list());
    }

    /** Revokes a token of the user; false when the user has no such token. */
    public boolean revokeToken(long userId, long tokenId) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE api_tokens SET revoked_at = :t WHERE id = :id AND user_id = :u AND revoked_at IS NULL")
                .bind("t", Times.utc(clock.instant())).bind("id", tokenId).bind("u", userId).execute()) > 0;
    }

    /** The caller behind a bearer token, if it is live and its account enabled. */
    public Optional<Principal> principalForToken(String secret) {
        String sha = SecretTokens.sha256(secret);
        Instant now = clock.instant();
        Optional<Principal> p = jdbi.withHandle(h -> h.createQuery("SELECT u.id, u.username, a.role FROM api_tokens t "
                        + "JOIN users u ON u.id = t.user_id JOIN accounts a ON a.user_id = u.id "
                        + "WHERE t.token_sha256 = :s AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now) "
                        + "AND a.disabled = FALSE")
                .bind("s", sha).bind("now", Times.utc(now)).map((rs, c) -> principal(h, rs, null)).findOne());
        Long written = lastUsedWritten.get(sha);
        if (p.isPresent() && (written == null || now.toEpochMilli() - written >= LAST_USED_RESOLUTION_MILLIS)) {
            lastUsedWritten.put(sha, now.toEpochMilli());
            jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :t WHERE token_sha256 = :s")
                    .bind("t", Times.utc(now)).bind("s", sha).execute());
        }
        return p;
    }

    private static Optional<Account> findByUsername(Handle h, String username) {
        return h.createQuery("SELECT " + ACCOUNT_COLUMNS + " FROM users u JOIN accounts a ON a.user_id = u.id WHERE u.username = :u")
                .bind("u", username).map((rs, c) -> account(rs)).findOne();
    }

    private static Principal principal(Handle h, ResultSet rs, String csrf) throws SQLException {
        long userId = rs.getLong("id");
        Set<Long> projects = new HashSet<>(h.createQuery("SELECT project_id FROM memberships WHERE user_id = :u")
                .bind("u", userId).mapTo(Long.class).list());
        return new Principal(userId, rs.getString("username"), Role.fromLabel(rs.getString("role")), projects, csrf);
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.fromLabel(rs.getString("role")), rs.getBoolean("disabled"), Times.read(rs, "created_at"));
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"), Times.read(rs, "created_at"),
                Times.read(rs, "expires_at"), Times.read(rs, "last_used_at"), Times.read(rs, "revoked_at"));
    }
}
