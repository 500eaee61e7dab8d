package org.scopeflow.pipeline.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jdbi.v3.core.Jdbi;

/**
 * What the engine reads and writes in the catalog's own tables (sessions, files, metadata_values):
 * new items, registered outputs and per-item metrics with units. Thread-safe.
 */
public final class SessionCatalog {
    /** The storage root job outputs are registered under, so that they are never taken for session data. */
    public static final String OUTPUT_ROOT = "pipeline";

    private final Jdbi jdbi;
    private final Clock clock;

    public SessionCatalog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** Creates an open session without instrument (batch mode), or returns the one with that name. */
    public long openSession(String name) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            var existing = h.createQuery("SELECT id FROM sessions WHERE instrument_id IS NULL AND name = :n")
                    .bind("n", name).mapTo(Long.class).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
            return h.createUpdate("INSERT INTO sessions (name, state, started_at, created_at) VALUES (:n, 'open', :now, :now)")
                    .bind("n", name).bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    public void closeSession(long sessionId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET state = 'closed', ended_at = :now WHERE id = :id AND state = 'open'")
                .bind("now", clock.instant()).bind("id", sessionId).execute());
    }

    /** True when the session is no longer open (closed, archived or purged). */
    public boolean isClosed(long sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM sessions WHERE id = :id")
                .bind("id", sessionId).mapTo(String.class).findOne().map(s -> !s.equals("open")).orElse(true));
    }

    /**
     * Landed or verified data files of the session (in any storage root, not the pipeline's own
     * outputs) with id greater than {@code afterId}, oldest first.
     */
    public List<SessionFile> filesAfter(long sessionId, long afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, relative_path, size_bytes, checksum_algorithm, checksum_value "
                        + "FROM files WHERE session_id = :s AND id > :after AND state IN ('landed', 'verified', 'archived') "
                        + "AND COALESCE(storage_root, '') <> :outputs ORDER BY id LIMIT :limit")
                .bind("s", sessionId).bind("after", afterId).bind("outputs", OUTPUT_ROOT).bind("limit", limit)
                .map((rs, ctx) -> new SessionFile(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
                .list());
    }

    /**
     * Registers a file (an ingested item or a job output) as verified, or returns the existing id.
     *
     * @param storageRoot {@code ""} for session data, {@code pipeline} for job outputs
     */
    public long registerFile(long sessionId, String storageRoot, String relativePath, long sizeBytes,
            String checksumAlgorithm, String checksumValue) {
        String pathSha = sha256(relativePath + (storageRoot.isEmpty() ? "" : "\u0000" + storageRoot));
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO files (session_id, relative_path, path_sha256, size_bytes, checksum_algorithm, "
                            + "checksum_value, state, storage_root, landed_at, created_at) VALUES (:s, :p, :sha, :size, :alg, :sum, "
                            + "'verified', :root, :now, :now) ON CONFLICT DO NOTHING")
                    .bind("s", sessionId).bind("p", relativePath).bind("sha", pathSha).bind("size", sizeBytes)
                    .bind("alg", checksumAlgorithm).bind("sum", checksumValue)
                    .bind("root", storageRoot.isEmpty() ? null : storageRoot).bind("now", now).execute();
            long id = h.createQuery("SELECT id FROM files WHERE session_id = :s AND path_sha256 = :sha AND version = 1")
                    .bind("s", sessionId).bind("sha", pathSha).mapTo(Long.class).one();
            // A rerun rewrites the same path: the row must describe the file as it is now.
            h.createUpdate("UPDATE files SET size_bytes = :size, checksum_algorithm = :alg, checksum_value = :sum "
                            + "WHERE id = :id AND (size_bytes <> :size OR COALESCE(checksum_value, '') <> COALESCE(:sum, ''))")
                    .bind("size", sizeBytes).bind("alg", checksumAlgorithm).bind("sum", checksumValue).bind("id", id).execute();
            return id;
        });
    }

    /** Relative path of a file. */
    public String relativePath(long fileId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT relative_path FROM files WHERE id = :id")
                .bind("id", fileId).mapTo(String.class).one());
    }

    /**
     * Records (or replaces) numeric metrics; keys are {@code STEP.METRIC}.
     *
     * @param ownerKind {@code file} (per item) or {@code session} (batch and final steps)
     */
    public void putMetrics(String ownerKind, long ownerId, Map<String, Metric> metrics) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            for (var e : metrics.entrySet()) {
                h.createUpdate("DELETE FROM metadata_values WHERE owner_kind = :kind AND owner_id = :id AND meta_key = :k")
                        .bind("kind", ownerKind).bind("id", ownerId).bind("k", e.getKey()).execute();
                h.createUpdate("INSERT INTO metadata_values (owner_kind, owner_id, meta_key, numeric_value, unit, recorded_at) "
                                + "VALUES (:kind, :id, :k, :v, :u, :now)")
                        .bind("kind", ownerKind).bind("id", ownerId).bind("k", e.getKey()).bind("v", e.getValue().value())
                        .bind("u", e.getValue().unit()).bind("now", now).execute();
            }
        });
    }

    /** Records text values (image paths, error messages), replacing earlier values of the same keys. */
    public void putTexts(String ownerKind, long ownerId, Map<String, String> texts) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            for (var e : texts.entrySet()) {
                h.createUpdate("DELETE FROM metadata_values WHERE owner_kind = :kind AND owner_id = :id AND meta_key = :k")
                        .bind("kind", ownerKind).bind("id", ownerId).bind("k", e.getKey()).execute();
                h.createUpdate("INSERT INTO metadata_values (owner_kind, owner_id, meta_key, text_value, recorded_at) "
                                + "VALUES (:kind, :id, :k, :v, :now)")
                        .bind("kind", ownerKind).bind("id", ownerId).bind("k", e.getKey()).bind("v", e.getValue())
                        .bind("now", now).execute();
            }
        });
    }

    /** Removes the text value {@code key} of an owner when it starts with {@code prefix}; returns whether it did. */
    public boolean removeTextStartingWith(String ownerKind, long ownerId, String key, String prefix) {
        return jdbi.inTransaction(h -> {
            int removed = 0;
            for (Long id : h.createQuery("SELECT id, text_value FROM metadata_values WHERE owner_kind = :kind AND owner_id = :id "
                            + "AND meta_key = :k").bind("kind", ownerKind).bind("id", ownerId).bind("k", key)
                    .map((rs, ctx) -> rs.getString(2) != null && rs.getString(2).startsWith(prefix) ? rs.getLong(1) : null)
                    .list()) {
                if (id != null) {
                    removed += h.createUpdate("DELETE FROM metadata_values WHERE id = :id").bind("id", id).execute();
                }
            }
            return removed > 0;
        });
    }

    /** Numeric metrics of a file by key; keys not recorded are absent. */
    public Map<String, OptionalDouble> metrics(long fileId) {
        Map<String, OptionalDouble> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT meta_key, numeric_value FROM metadata_values WHERE owner_kind = 'file' "
                        + "AND owner_id = :id AND numeric_value IS NOT NULL")
                .bind("id", fileId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getDouble(2)))
                .forEach(e -> out.put(e.getKey(), OptionalDouble.of(e.getValue()))));
        return out;
    }

    /** Metric values with units of a file, for provenance and tests. */
    public Map<String, Metric> metricsWithUnits(long fileId) {
        Map<String, Metric> out = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT meta_key, numeric_value, unit FROM metadata_values WHERE owner_kind = 'file' "
                        + "AND owner_id = :id AND numeric_value IS NOT NULL")
                .bind("id", fileId)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Metric(rs.getDouble(2), rs.getString(3))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
