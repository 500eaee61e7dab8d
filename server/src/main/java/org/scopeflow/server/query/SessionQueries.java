package org.scopeflow.server.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.auth.Times;

/**
 * Read-side queries of the dashboard: sessions with their progress, metric series and aggregates.
 * A movie is a file whose name ends in .tif, .tiff, .mrc, .mrcs or .eer. Session summaries are
 * cached for {@value #SUMMARY_TTL_MILLIS} ms per session, so that a busy dashboard costs the
 * catalog one aggregate per second, not one per viewer. Thread-safe.
 */
public final class SessionQueries {
    public static final long SUMMARY_TTL_MILLIS = 1000;
    /** Acquired movies: image files, not the pipeline's outputs (aligned sums are .mrc too; storage root 'pipeline'). */
    static final String MOVIE = "((LOWER(f.relative_path) LIKE '%.tif' OR LOWER(f.relative_path) LIKE '%.tiff' "
            + "OR LOWER(f.relative_path) LIKE '%.mrc' OR LOWER(f.relative_path) LIKE '%.mrcs' OR LOWER(f.relative_path) LIKE '%.eer') "
            + "AND (f.storage_root IS NULL OR f.storage_root <> 'pipeline'))";
    private static final String IN_RANGE = "AND m.owner_id BETWEEN :lo AND :hi ";
    private static final String SESSION_COLUMNS = "s.id, s.name, s.project_id, p.name AS project_name, s.instrument_id, "
            + "i.name AS instrument_name, s.state, s.started_at, s.ended_at FROM sessions s "
            + "LEFT JOIN projects p ON p.id = s.project_id LEFT JOIN instruments i ON i.id = s.instrument_id ";
    private final Jdbi jdbi;
    private final Clock clock;
    private final SummaryCache summaries;

    private record Head(long id, String name, Long projectId, String projectName, Long instrumentId,
                        String instrumentName, String state, java.time.Instant startedAt, java.time.Instant endedAt) {}

    public SessionQueries(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.summaries = new SummaryCache(this::computeSummary, clock, SUMMARY_TTL_MILLIS);
    }

    /** Sessions the principal may see, by id after {@code afterId}, at most {@code limit + 1} rows; progress from the summary cache. */
    public List<SessionRow> visibleSessions(Principal p, long afterId, int limit) {
        if (!p.role().seesAllProjects() && p.projectIds().isEmpty()) {
            return List.of();
        }
        return jdbi.<List<Long>, RuntimeException>withHandle(h -> {
            String filter = p.role().seesAllProjects() ? "" : "AND s.project_id IN (<projects>) ";
            var q = h.createQuery("SELECT s.id FROM sessions s WHERE s.id > :after " + filter + "ORDER BY s.id LIMIT :n")
                    .bind("after", afterId).bind("n", limit + 1);
            if (!filter.isEmpty()) {
                q.bindList("projects", new ArrayList<>(p.projectIds()));
            }
            return q.map((rs, c) -> rs.getLong("id")).list();
        }).stream().map(this::summary).flatMap(Optional::stream).map(SessionSummary::session).toList();
    }

    /** Sessions of one project, newest first (for the project page), at most 500. */
    public List<SessionRow> projectSessions(long projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM sessions WHERE project_id = :p ORDER BY id DESC LIMIT 500")
                .bind("p", projectId).mapTo(Long.class).list())
                .stream().map(this::summary).flatMap(Optional::stream).map(SessionSummary::session).toList();
    }

    /** A session's progress and metric aggregates (cached, see {@link SummaryCache}); empty when it does not exist. */
    public Optional<SessionSummary> summary(long sessionId) {
        return summaries.get(sessionId);
    }

    /** Like {@link #summary} but computed now, for live streams that just saw a change. */
    public Optional<SessionSummary> freshSummary(long sessionId) {
        return summaries.fresh(sessionId);
    }

    private Optional<SessionSummary> computeSummary(long sessionId) {
        Optional<SessionRow> row = jdbi.withHandle(h -> h.createQuery("SELECT " + SESSION_COLUMNS + "WHERE s.id = :id")
                .bind("id", sessionId).map((rs, x) -> head(rs)).findOne().map(head -> withProgress(h, head, clock.instant().minusSeconds(3600))));
        return row.map(r -> new SessionSummary(r, metricStats(sessionId), MetricKeys.PLOTTED));
    }

    /** Stops the background summary computations. */
    public void close() {
        summaries.close();
    }

    /** Count, mean, min and max of each plotted metric over the session's movies. */
    public List<MetricStats> metricStats(long sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT m.meta_key, MAX(m.unit) AS unit, COUNT(*) AS n, AVG(m.numeric_value) AS mean, "
                        + "MIN(m.numeric_value) AS lo, MAX(m.numeric_value) AS hi FROM metadata_values m "
                        + "JOIN files f ON f.id = m.owner_id WHERE m.owner_kind = 'file' AND f.session_id = :s " + IN_RANGE
                        + "AND m.meta_key IN (<keys>) AND m.numeric_value IS NOT NULL GROUP BY m.meta_key ORDER BY m.meta_key")
                .bind("s", sessionId).bindList("keys", MetricKeys.keys()).bindMap(range(h, sessionId))
                .map((rs, c) -> new MetricStats(rs.getString("meta_key"), rs.getString("unit"), rs.getLong("n"),
                        rs.getDouble("mean"), rs.getDouble("lo"), rs.getDouble("hi"))).list());
    }

    /** Numeric metric values of the session's files with metadata id after {@code afterId}, by id. */
    public List<MetricPoint> metrics(long sessionId, Collection<String> keys, long afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT m.id, m.owner_id, m.meta_key, m.numeric_value, m.unit, m.recorded_at "
                        + "FROM metadata_values m JOIN files f ON f.id = m.owner_id WHERE m.owner_kind = 'file' "
                        + "AND f.session_id = :s " + IN_RANGE + "AND m.meta_key IN (<keys>) AND m.numeric_value IS NOT NULL AND m.id > :after "
                        + "ORDER BY m.id LIMIT :n")
                .bind("s", sessionId).bindMap(range(h, sessionId)).bindList("keys", new ArrayList<>(keys)).bind("after", afterId).bind("n", limit + 1)
                .map((rs, c) -> new MetricPoint(rs.getLong("id"), rs.getLong("owner_id"), rs.getString("meta_key"),
                        rs.getDouble("numeric_value"), rs.getString("unit"), Times.read(rs, "recorded_at"))).list());
    }

    /**
     * A movie in the gallery.
     *
     * @param fileId        the movie
     * @param relativePath  the movie's path in the session
     * @param thumbnailPath image path relative to the storage root
     * @param images        names of the pictures it has ({@link MetricKeys#IMAGES}), thumbnail first
     */
    public record Thumbnail(long fileId, String relativePath, String thumbnailPath, List<String> images) {
        /** The picture to show large: the picks overlay when there is one, else the thumbnail. */
        public String main() {
            return images.contains("picks") ? "picks" : "thumbnail";
        }

        public boolean has(String image) {
            return images.contains(image);
        }
    }

    /** The newest movies that have a thumbnail, newest first, with the names of their other pictures. */
    public List<Thumbnail> latestThumbnails(long sessionId, int limit) {
        return jdbi.withHandle(h -> {
            List<Object[]> rows = h.createQuery("SELECT f.id, f.relative_path, m.text_value FROM metadata_values m "
                            + "JOIN files f ON f.id = m.owner_id WHERE m.owner_kind = 'file' AND f.session_id = :s " + IN_RANGE
                            + "AND m.meta_key = :k ORDER BY f.id DESC LIMIT :n")
                    .bind("s", sessionId).bindMap(range(h, sessionId)).bind("k", MetricKeys.THUMBNAIL_PATH).bind("n", limit)
                    .map((rs, c) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list();
            if (rows.isEmpty()) {
                return List.<Thumbnail>of();
            }
            java.util.Map<Long, List<String>> keys = new java.util.HashMap<>();
            h.createQuery("SELECT owner_id, meta_key FROM metadata_values WHERE owner_kind = 'file' AND owner_id IN (<ids>) "
                            + "AND meta_key IN (<keys>)")
                    .bindList("ids", rows.stream().map(r -> (Long) r[0]).toList())
                    .bindList("keys", MetricKeys.IMAGES.stream().map(MetricKeys.Image::key).toList())
                    .map((rs, c) -> java.util.Map.entry(rs.getLong(1), rs.getString(2)))
                    .forEach(e -> keys.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            return rows.stream().map(r -> {
                List<String> present = keys.getOrDefault((Long) r[0], List.of());
                List<String> names = MetricKeys.IMAGES.stream().filter(i -> present.contains(i.key())).map(MetricKeys.Image::name).toList();
                return new Thumbnail((Long) r[0], (String) r[1], (String) r[2], names);
            }).toList();
        });
    }

    /**
     * A picture of a whole session (see {@link MetricKeys#SESSION_IMAGES}).
     *
     * @param key         metadata key, {@code <step>.<field>}
     * @param path        path relative to the storage root
     * @param storageRoot the root the session's data lies in (that of its files), null when it has none
     * @param recordedAt  when the step recorded it
     */
    public record SessionImage(String key, String path, String storageRoot, java.time.Instant recordedAt) {
        /** The step that drew it. */
        public String step() {
            int dot = key.lastIndexOf('.');
            return dot > 0 ? key.substring(0, dot) : key;
        }
    }

    /** The newest session picture whose key ends in {@code .field}, if any step recorded one. */
    public java.util.Optional<SessionImage> sessionImage(long sessionId, String field) {
        return jdbi.withHandle(h -> h.createQuery("SELECT meta_key, text_value, recorded_at FROM metadata_values "
                        + "WHERE owner_kind = 'session' AND owner_id = :s AND meta_key LIKE :k AND text_value IS NOT NULL "
                        + "ORDER BY recorded_at DESC, id DESC LIMIT 1")
                .bind("s", sessionId).bind("k", "%." + field)
                .map((rs, c) -> new SessionImage(rs.getString(1), rs.getString(2), null, rs.getTimestamp(3).toInstant()))
                .findOne()
                .map(i -> new SessionImage(i.key(), i.path(), h.createQuery("SELECT storage_root FROM files WHERE session_id = :s "
                                + "AND storage_root IS NOT NULL AND storage_root <> 'pipeline' ORDER BY id LIMIT 1")
                        .bind("s", sessionId).mapTo(String.class).findOne().orElse(null), i.recordedAt())));
    }

    /** Highest file id and metadata id of the session's files (0 when none): where live streams start. */
    public long[] heads(long sessionId) {
        return jdbi.withHandle(h -> new long[] {
            h.createQuery("SELECT COALESCE(MAX(id), 0) FROM files WHERE session_id = :s").bind("s", sessionId).mapTo(Long.class).one(),
            h.createQuery("SELECT COALESCE(MAX(m.id), 0) FROM metadata_values m JOIN files f ON f.id = m.owner_id "
                    + "WHERE m.owner_kind = 'file' AND f.session_id = :s " + IN_RANGE)
                    .bind("s", sessionId).bindMap(range(h, sessionId)).mapTo(Long.class).one()});
    }

    private static SessionRow withProgress(Handle h, Head s, java.time.Instant hourAgo) {
        return h.createQuery("SELECT COUNT(*) AS files_total, COALESCE(SUM(f.size_bytes), 0) AS bytes_total, "
                        + "COALESCE(SUM(CASE WHEN " + MOVIE + " AND f.state IN ('landed', 'verified', 'archived') THEN 1 ELSE 0 END), 0) AS landed, "
                        + "COALESCE(SUM(CASE WHEN " + MOVIE + " AND f.state = 'registered' THEN 1 ELSE 0 END), 0) AS pending, "
                        + "COALESCE(SUM(CASE WHEN " + MOVIE + " AND f.landed_at >= :hour THEN 1 ELSE 0 END), 0) AS landed_hour, "
                        + "MAX(COALESCE(f.landed_at, f.created_at)) AS last_activity FROM files f WHERE f.session_id = :s")
                .bind("s", s.id()).bind("hour", Times.utc(hourAgo))
                .map((rs, c) -> new SessionRow(s.id(), s.name(), s.projectId(), s.projectName(), s.instrumentId(),
                        s.instrumentName(), s.state(), s.startedAt(), s.endedAt(), rs.getLong("files_total"),
                        rs.getLong("bytes_total"), rs.getLong("landed"), rs.getLong("pending"), rs.getLong("landed_hour"),
                        countWithKey(h, s.id(), MetricKeys.keys()), countWithKey(h, s.id(), List.of(MetricKeys.PROCESSING_ERROR)),
                        Times.read(rs, "last_activity"))).one();
    }

    private static long countWithKey(Handle h, long sessionId, List<String> keys) {
        return h.createQuery("SELECT COUNT(DISTINCT m.owner_id) FROM metadata_values m JOIN files f ON f.id = m.owner_id "
                        + "WHERE m.owner_kind = 'file' AND f.session_id = :s " + IN_RANGE + "AND m.meta_key IN (<keys>)")
                .bind("s", sessionId).bindMap(range(h, sessionId)).bindList("keys", keys).mapTo(Long.class).one();
    }

    /**
     * Lowest and highest file id of the session. Metric rows are found through the index on
     * (owner_kind, meta_key, owner_id); bounding owner_id to this range keeps the scan to the
     * session's own files instead of every file of the catalog.
     */
    private static java.util.Map<String, Object> range(Handle h, long sessionId) {
        return h.createQuery("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), -1) FROM files WHERE session_id = :s")
                .bind("s", sessionId).map((rs, c) -> java.util.Map.<String, Object>of("lo", rs.getLong(1), "hi", rs.getLong(2))).one();
    }

    private static Head head(ResultSet rs) throws SQLException {
        return new Head(rs.getLong("id"), rs.getString("name"), (Long) rs.getObject("project_id", Long.class),
                rs.getString("project_name"), (Long) rs.getObject("instrument_id", Long.class), rs.getString("instrument_name"),
                rs.getString("state"), Times.read(rs, "started_at"), Times.read(rs, "ended_at"));
    }
}
