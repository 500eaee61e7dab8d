package org.scopeflow.catalog;

import java.util.List;
import java.util.Optional;
import org.scopeflow.model.Checksum;
import org.scopeflow.model.FileRecord;
import org.scopeflow.model.FileState;
import org.scopeflow.model.NewFile;
import org.scopeflow.model.Page;

/**
 * Files of sessions, one row per (session, relative path, version). Thread-safe; every method is
 * safe to call from several processes sharing one PostgreSQL catalog.
 */
public interface FileRepository {
    /**
     * Registers version 1 of a file, or returns the row already there for that session and path
     * (whatever its content): registering is idempotent. Concurrent callers registering the same
     * path all get the same single row and none of them fails.
     *
     * @throws IllegalStateException when the session or dataset does not exist
     */
    FileRecord register(NewFile file);

    /**
     * Registers many files in one transaction (version 1 each); paths already registered are skipped.
     *
     * @return how many rows were added
     * @throws IllegalStateException when a session or dataset does not exist (nothing is added)
     */
    int registerAll(List<NewFile> files);

    /**
     * Registers changed content at an existing path as the next version. When the latest version
     * already has this size and checksum, returns it instead (idempotent).
     */
    FileRecord registerNewVersion(NewFile file);

    /** The version a new content at this path would get: 1 when the path is unknown. */
    int nextVersion(long sessionId, String relativePath);

    Optional<FileRecord> find(long id);

    /** The latest version of the file at this path. */
    Optional<FileRecord> findByPath(long sessionId, String relativePath);

    Optional<FileRecord> findByPath(long sessionId, String relativePath, int version);

    /**
     * Files of a session with id greater than {@code afterId} (0 = from the start), by id, at most
     * {@code limit}. Keyset pagination: any page of a session of millions of files costs the same.
     */
    Page<FileRecord> listBySession(long sessionId, long afterId, int limit);

    /** Number of file rows (all versions) of a session. */
    long countBySession(long sessionId);

    /**
     * Changes the state; moving to {@code landed} records the landing time from the catalog's clock.
     *
     * @throws IllegalStateException when the change is not allowed from the current state (the
     *                               message names the file, both states and the allowed ones) or the file is gone
     */
    FileRecord changeState(long fileId, FileState target);

    /**
     * Records that the file landed on a storage root with this checksum (state {@code landed}).
     *
     * @throws IllegalStateException when the transition is not allowed, or the file already has a
     *                               different checksum (the message names both)
     */
    FileRecord markLanded(long fileId, String storageRoot, Checksum checksum);
}
