package org.scopeflow.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the append-only audit log: who did what to which subject, and when.
 *
 * @param id          64-bit catalog id, increasing with time of writing
 * @param at          when it happened
 * @param actor       user name or component, e.g. {@code agent:krios-1}
 * @param action      what happened, e.g. {@code session.close}
 * @param subjectKind e.g. {@code session}; may be null
 * @param subjectId   may be null
 * @param detail      free text; may be null, at most 4000 characters
 */
public record AuditEntry(long id, Instant at, String actor, String action, String subjectKind,
                         Long subjectId, String detail) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
    }
}
