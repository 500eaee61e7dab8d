package org.scopeflow.catalog;

import org.scopeflow.model.AuditEntry;
import org.scopeflow.model.AuditEvent;
import org.scopeflow.model.Page;

/**
 * The append-only audit log: entries can be added and read, never changed or removed. Thread-safe.
 */
public interface AuditLog {
    /** Appends the event with the catalog clock's time. */
    AuditEntry append(AuditEvent event);

    /** Entries with id greater than {@code afterId} (0 = from the start), oldest first. */
    Page<AuditEntry> list(long afterId, int limit);

    /** Entries about one subject, oldest first, keyset-paginated like {@link #list}. */
    Page<AuditEntry> listBySubject(String subjectKind, long subjectId, long afterId, int limit);
}
