package org.scopeflow.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Facility-wide role of an account. Facility admins do everything, including managing accounts;
 * staff see and manage every project, session and instrument; members see only the projects they
 * belong to (read and comment); agents may only call the ingest endpoints under {@code /api/agents}.
 */
public enum Role {
    ADMIN, STAFF, MEMBER, AGENT;

    /** The form stored in the catalog and shown in JSON, e.g. {@code staff}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role sees every project. */
    public boolean seesAllProjects() {
        return this == ADMIN || this == STAFF;
    }

    /** Whether this is a person (not an ingest agent). */
    public boolean isHuman() {
        return this != AGENT;
    }

    /** @throws IllegalArgumentException naming the value and the accepted labels */
    public static Role fromLabel(String label) {
        for (Role r : values()) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role '" + label + "' is not one of "
                + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
    }
}
