package org.scopeflow.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.Page;

/**
 * {@link FileRepository} over the {@code files} table. Idempotent registration relies on the
 * unique key (session_id, path_sha256, version) and {@code INSERT … ON CONFLICT DO NOTHING}, which
 * H2 (PostgreSQL mode) and PostgreSQL both accept: a losing concurrent writer inserts nothing and
 * then reads the winner's row.
 */
final class JdbcFileRepository implements FileRepository {
    private static final String INSERT = """
            INSERT INTO files (session_id, dataset_id, relative_path, path_sha256, version, size_bytes,
                               checksum_algorithm, checksum_value, source_mtime, state, created_at)
            VALUES (:session, :dataset, :path, :sha, :version, :size, :algorithm, :hex, :mtime, 'registered', :now)
            ON CONFLICT DO NOTHING""";
    private static final String SELECT_VERSION =
            "SELECT * FROM files WHERE session_id = :session AND path_sha256 = :sha AND version = :version";
    private static final int NEW_VERSION_ATTEMPTS = 20;

    private final Jdbi jdbi;
    private final Clock clock;

    JdbcFileRepository(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public FileRecord register(NewFile file) {
        return jdbi.withHandle(h -> {
            insert(h, file, 1);
            return selectVersion(h, file.sessionId(), file.relativePath(), 1).orElseThrow(() ->
                    new IllegalStateException("file " + file.relativePath() + " of session " + file.sessionId()
                            + " was neither inserted nor found; it was deleted concurrently"));
        });
    }

    @Override
    public int registerAll(List<NewFile> files) {
        if (files.isEmpty()) {
            return 0;
        }
        Instant now = Timestamps.now(clock);
        String sessions = files.stream().map(f -> String.valueOf(f.sessionId())).distinct().limit(10)
                .collect(java.util.stream.Collectors.joining(", "));
        return SqlErrors.translate(() -> jdbi.inTransaction(h -> new FileBatchInsert(h.getConnection()).insert(files, now)),
                "a file of this batch clashed with a concurrent writer; retry the batch",
                "a session or dataset referenced by this batch of " + files.size() + " files (sessions "
                        + sessions + ") does not exist; nothing of the batch was registered");
    }

    @Override
    public FileRecord registerNewVersion(NewFile file) {
        for (int attempt = 0; attempt < NEW_VERSION_ATTEMPTS; attempt++) {
            Optional<FileRecord> latest = findByPath(file.sessionId(), file.relativePath());
            if (latest.isPresent() && sameContent(latest.get(), file)) {
                return latest.get();
            }
            int version = latest.map(r -> r.version() + 1).orElse(1);
            Optional<FileRecord> inserted = jdbi.withHandle(h -> insert(h, file, version) == 1
                    ? selectVersion(h, file.sessionId(), file.relativePath(), version) : Optional.empty());
            if (inserted.isPresent()) {
                return inserted.get();
            }
        }
        throw new IllegalStateException("file " + file.relativePath() + " of session " + file.sessionId()
                + ": other writers kept taking the next version " + NEW_VERSION_ATTEMPTS + " times; retry later");
    }

    @Override
    public int nextVersion(long sessionId, String relativePath) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COALESCE(MAX(version), 0) + 1 FROM files WHERE session_id = :session AND path_sha256 = :sha")
                .bind("session", sessionId).bind("sha", PathDigest.sha256Hex(relativePath))
                .mapTo(Integer.class).one());
    }

    @Override
    public Optional<FileRecord> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM files WHERE id = :id")
                .bind("id", id).map(Rows.FILE).findOne());
    }

    @Override
    public Optional<FileRecord> findByPath(long sessionId, String relativePath) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM files WHERE session_id = :session AND path_sha256 = :sha
                        ORDER BY version DESC LIMIT 1""")
                .bind("session", sessionId).bind("sha", PathDigest.sha256Hex(relativePath))
                .map(Rows.FILE).findOne());
    }

    @Override
    public Optional<FileRecord> findByPath(long sessionId, String relativePath, int version) {
        return jdbi.withHandle(h -> selectVersion(h, sessionId, relativePath, version));
    }

    @Override
    public Page<FileRecord> listBySession(long sessionId, long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM files WHERE session_id = :session AND id > :after ORDER BY session_id, id LIMIT :fetch")
                .bind("session", sessionId).bind("after", afterId).bind("fetch", fetch)
                .map(Rows.FILE).list()), limit, FileRecord::id);
    }

    @Override
    public long countBySession(long sessionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM files WHERE session_id = :session")
                .bind("session", sessionId).mapTo(Long.class).one());
    }

    @Override
    public FileRecord changeState(long fileId, FileState target) {
        FileRecord current = find(fileId).orElseThrow(() -> missing(fileId));
        return move(current, target, current.storageRoot(), current.checksum());
    }

    @Override
    public FileRecord markLanded(long fileId, String storageRoot, Checksum checksum) {
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(checksum, "checksum");
        FileRecord current = find(fileId).orElseThrow(() -> missing(fileId));
        if (current.checksum() != null && !current.checksum().equals(checksum)) {
            throw new IllegalStateException(subject(current) + " has checksum " + current.checksum()
                    + " but landed with " + checksum + (current.checksum().algorithm().equals(checksum.algorithm())
                    ? "; the copy differs from the source: transfer it again"
                    : "; compute the copy's checksum with " + current.checksum().algorithm() + " to compare them"));
        }
        return move(current, FileState.LANDED, storageRoot, checksum);
    }

    private FileRecord move(FileRecord current, FileState target, String storageRoot, Checksum checksum) {
        current.state().checkMoveTo(target, subject(current));
        Instant landedAt = target == FileState.LANDED ? Timestamps.now(clock) : current.landedAt();
        int updated = jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE files SET state = :to, landed_at = :landed, storage_root = :root,
                                         checksum_algorithm = :algorithm, checksum_value = :hex
                        WHERE id = :id AND state = :from""")
                .bind("to", target.label()).bind("landed", landedAt).bind("root", storageRoot)
                .bind("algorithm", checksum == null ? null : checksum.algorithm())
                .bind("hex", checksum == null ? null : checksum.hex())
                .bind("id", current.id()).bind("from", current.state().label()).execute());
        if (updated == 0) {
            throw new IllegalStateException(subject(current) + " changed state while moving it from "
                    + current.state().label() + " to " + target.label() + "; read it again and retry");
        }
        return find(current.id()).orElseThrow(() -> missing(current.id()));
    }

    private int insert(Handle h, NewFile file, int version) {
        return referencing(file, () -> bindFile(h.createUpdate(INSERT), file, version, Timestamps.now(clock)).execute());
    }

    private static <S extends SqlStatement<S>> S bindFile(S statement, NewFile file, int version, Instant now) {
        Checksum checksum = file.checksum();
        return statement.bind("session", file.sessionId()).bind("dataset", file.datasetId())
                .bind("path", file.relativePath()).bind("sha", PathDigest.sha256Hex(file.relativePath()))
                .bind("version", version).bind("size", file.sizeBytes())
                .bind("algorithm", checksum == null ? null : checksum.algorithm())
                .bind("hex", checksum == null ? null : checksum.hex())
                .bind("mtime", Timestamps.stored(file.sourceMtime())).bind("now", now);
    }

    private static Optional<FileRecord> selectVersion(Handle h, long sessionId, String path, int version) {
        return h.createQuery(SELECT_VERSION).bind("session", sessionId).bind("sha", PathDigest.sha256Hex(path))
                .bind("version", version).map(Rows.FILE).findOne();
    }

    private static <T> T referencing(NewFile file, java.util.function.Supplier<T> action) {
        return SqlErrors.translate(action, "file " + file.relativePath() + " clashed with a concurrent writer; retry",
                "session " + file.sessionId() + (file.datasetId() == null ? "" : " or dataset " + file.datasetId())
                        + " does not exist; create it before registering its files");
    }

    private static boolean sameContent(FileRecord stored, NewFile file) {
        return stored.sizeBytes() == file.sizeBytes() && Objects.equals(stored.checksum(), file.checksum());
    }

    private static String subject(FileRecord file) {
        return "file " + file.id() + " (" + file.relativePath() + " v" + file.version() + ")";
    }

    private static IllegalStateException missing(long fileId) {
        return new IllegalStateException("file " + fileId + " does not exist");
    }
}
