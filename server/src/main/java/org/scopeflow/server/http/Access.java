package org.scopeflow.server.http;

import org.scopeflow.server.auth.Principal;
import org.scopeflow.server.auth.Role;

/**
 * Who may call a route, checked before its handler runs. {@link #PROJECT} routes admit every
 * person; the handler then checks the project of the row it loaded with
 * {@link Principal#canRead(Long)} and answers 404 when the caller may not see it, so that
 * members learn nothing about other projects.
 */
public enum Access {
    /** No login needed. */
    PUBLIC("none"),
    /** Any person (admin, staff, member); not agents. */
    USER("admin, staff, member"),
    /** Any person; rows are filtered or checked by project membership. */
    PROJECT("admin, staff; member of the row's project"),
    /** Facility staff and admins. */
    STAFF("admin, staff"),
    /** Facility admins. */
    ADMIN("admin"),
    /** Ingest agents (and admins, to test them). */
    AGENT("agent, admin");

    private final String description;

    Access(String description) {
        this.description = description;
    }

    /** Who is admitted, for the OpenAPI document. */
    public String description() {
        return description;
    }

    /** Whether the role passes this route's gate (project checks come later). */
    public boolean admits(Role role) {
        return switch (this) {
            case PUBLIC -> true;
            case USER, PROJECT -> role.isHuman();
            case STAFF -> role.seesAllProjects();
            case ADMIN -> role == Role.ADMIN;
            case AGENT -> role == Role.AGENT || role == Role.ADMIN;
        };
    }
}
