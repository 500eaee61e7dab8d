package org.scopeflow.server.api;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.server.auth.Times;

/** Registered ingest agents and their last reported transfer status (table agents). Thread-safe. */
public final class AgentStore {
    private final Jdbi jdbi;
    private final Clock clock;

    public AgentStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * An agent and its last heartbeat.
     *
     * @param id                         agent id
     * @param name                       unique name, e.g. {@code krios-1-pc}
     * @param userId                     the agent account that registered it
     * @param instrumentId               its instrument; may be null
     * @param hostname                   may be null
     * @param version                    agent software version; may be null
     * @param registeredAt               first registration
     * @param lastHeartbeatAt            null before the first heartbeat
     * @param backlogFiles               files waiting to be transferred; null when unknown
     * @param backlogBytes               their size in bytes; null when unknown
     * @param transferRateBytesPerSecond recent transfer rate; null when unknown
     * @param lastError                  last transfer error reported; null when none
     */
    public record Agent(long id, String name, long userId, Long instrumentId, String hostname, String version,
                        Instant registeredAt, Instant lastHeartbeatAt, Long backlogFiles, Long backlogBytes,
                        Double transferRateBytesPerSecond, String lastError) {}

    /**
     * Registers an agent, or updates hostname and version of the agent of that name registered by
     * the same account (registering is idempotent).
     *
     * @throws IllegalStateException when another account registered that name
     */
    public Agent register(String name, long userId, Long instrumentId, String hostname, String version) {
        return jdbi.inTransaction(h -> {
            Optional<Agent> existing = h.createQuery("SELECT * FROM agents WHERE name = :n").bind("n", name)
                    .map((rs, c) -> agent(rs)).findOne();
            if (existing.isPresent()) {
                if (existing.get().userId() != userId) {
                    throw new IllegalStateException("agent name '" + name + "' is registered by another account; choose another name");
                }
                h.createUpdate("UPDATE agents SET hostname = :h, version = :v, instrument_id = :i WHERE id = :id")
                        .bind("h", hostname).bind("v", version).bind("i", instrumentId).bind("id", existing.get().id()).execute();
            } else {
                h.createUpdate("INSERT INTO agents (name, user_id, instrument_id, hostname, version, registered_at) VALUES (:n, :u, :i, :h, :v, :t)")
                        .bind("n", name).bind("u", userId).bind("i", instrumentId).bind("h", hostname).bind("v", version)
                        .bind("t", Times.utc(clock.instant())).execute();
            }
            return h.createQuery("SELECT * FROM agents WHERE name = :n").bind("n", name).map((rs, c) -> agent(rs)).one();
        });
    }

    public Optional<Agent> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM agents WHERE id = :id").bind("id", id).map((rs, c) -> agent(rs)).findOne());
    }

    /** Records a heartbeat with the agent's transfer status. */
    public Agent heartbeat(long id, Long backlogFiles, Long backlogBytes, Double rate, String lastError) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE agents SET last_heartbeat_at = :t, backlog_files = :f, backlog_bytes = :b, "
                        + "transfer_rate_bytes_per_second = :r, last_error = :e WHERE id = :id")
                .bind("t", Times.utc(clock.instant())).bind("f", backlogFiles).bind("b", backlogBytes).bind("r", rate)
                .bind("e", lastError).bind("id", id).execute());
        return find(id).orElseThrow();
    }

    /** Every agent, by id (a facility has a handful). */
    public List<Agent> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM agents ORDER BY id LIMIT 1000").map((rs, c) -> agent(rs)).list());
    }

    private static Agent agent(ResultSet rs) throws SQLException {
        return new Agent(rs.getLong("id"), rs.getString("name"), rs.getLong("user_id"), rs.getObject("instrument_id", Long.class),
                rs.getString("hostname"), rs.getString("version"), Times.read(rs, "registered_at"), Times.read(rs, "last_heartbeat_at"),
                rs.getObject("backlog_files", Long.class), rs.getObject("backlog_bytes", Long.class),
                rs.getObject("transfer_rate_bytes_per_second", Double.class), rs.getString("last_error"));
    }
}
