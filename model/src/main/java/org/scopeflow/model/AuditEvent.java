package org.scopeflow.model;

/**
 * Something to append to the audit log; the catalog adds the id and the time.
 *
 * @param actor       user name or component, 1–200 characters, e.g. {@code agent:krios-1}
 * @param action      1–100 characters, e.g. {@code session.close}
 * @param subjectKind e.g. {@code session}; may be null
 * @param subjectId   may be null
 * @param detail      may be null, at most 4000 characters
 */
public record AuditEvent(String actor, String action, String subjectKind, Long subjectId, String detail) {
    public AuditEvent {
        Names.require("audit actor", actor, 200);
        Names.require("audit action", action, 100);
        Names.check("audit subject kind", subjectKind, 50);
        Names.check("audit detail", detail, 4000);
    }

    /** An event about one subject. */
    public static AuditEvent about(String actor, String action, String subjectKind, long subjectId, String detail) {
        return new AuditEvent(actor, action, subjectKind, subjectId, detail);
    }
}
