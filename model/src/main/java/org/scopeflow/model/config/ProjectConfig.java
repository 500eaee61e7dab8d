package org.scopeflow.model.config;

import java.util.List;

/**
 * A project as configured: its members see its sessions and data.
 *
 * @param name    unique short name (e.g. {@code bio-2026-017})
 * @param title   human title, may be null
 * @param members members with their role in the project
 */
public record ProjectConfig(String name, String title, List<Member> members) {
    public static final List<String> ROLES = List.of("owner", "member", "viewer");

    public ProjectConfig {
        members = List.copyOf(members);
    }

    /** @param user login name; @param role one of {@link #ROLES} */
    public record Member(String user, String role) {}
}
