package org.scopeflow.server.auth;

import java.util.Set;

/**
 * Who is making a request: the account, its role and the projects it is a member of.
 *
 * @param userId     catalog id of the user
 * @param username   login name
 * @param role       facility-wide role
 * @param projectIds projects the user is a member of (any project role)
 * @param csrfToken  the login session's CSRF token; null for bearer-token requests, which need none
 */
public record Principal(long userId, String username, Role role, Set<Long> projectIds, String csrfToken) {
    public Principal {
        projectIds = Set.copyOf(projectIds);
    }

    /** Whether this principal may read a project's sessions, files and metrics. */
    public boolean canRead(Long projectId) {
        if (role.seesAllProjects()) {
            return true;
        }
        return role == Role.MEMBER && projectId != null && projectIds.contains(projectId);
    }
}
