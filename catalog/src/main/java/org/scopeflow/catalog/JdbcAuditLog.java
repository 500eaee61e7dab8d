package org.scopeflow.catalog;

import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.scopeflow.model.AuditEntry;
import org.scopeflow.model.AuditEvent;
import org.scopeflow.model.Page;

/** {@link AuditLog} over the {@code audit_log} table: INSERT and SELECT only. */
final class JdbcAuditLog implements AuditLog {
    private final Jdbi jdbi;
    private final Clock clock;

    JdbcAuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public AuditEntry append(AuditEvent e) {
        return jdbi.withHandle(h -> {
            long id = h.createUpdate("""
                            INSERT INTO audit_log (at, actor, action, subject_kind, subject_id, detail)
                            VALUES (:at, :actor, :action, :kind, :subject, :detail)""")
                    .bind("at", Timestamps.now(clock)).bind("actor", e.actor()).bind("action", e.action())
                    .bind("kind", e.subjectKind()).bind("subject", e.subjectId()).bind("detail", e.detail())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return h.createQuery("SELECT * FROM audit_log WHERE id = :id").bind("id", id).map(Rows.AUDIT).one();
        });
    }

    @Override
    public Page<AuditEntry> list(long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM audit_log WHERE id > :after ORDER BY id LIMIT :fetch")
                .bind("after", afterId).bind("fetch", fetch).map(Rows.AUDIT).list()), limit, AuditEntry::id);
    }

    @Override
    public Page<AuditEntry> listBySubject(String subjectKind, long subjectId, long afterId, int limit) {
        int fetch = Pages.fetchSize(afterId, limit);
        return Pages.of(jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM audit_log WHERE subject_kind = :kind AND subject_id = :subject AND id > :after
                        ORDER BY id LIMIT :fetch""")
                .bind("kind", subjectKind).bind("subject", subjectId).bind("after", afterId).bind("fetch", fetch)
                .map(Rows.AUDIT).list()), limit, AuditEntry::id);
    }
}
