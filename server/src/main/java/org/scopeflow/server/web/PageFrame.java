package org.scopeflow.server.web;

import org.scopeflow.server.auth.Principal;

/**
 * What every page's frame needs: the title and the logged-in user (null on the login and error
 * pages of anonymous visitors).
 *
 * @param title    page title
 * @param username logged-in user, or null
 * @param role     the user's role label, or null
 * @param csrf     CSRF token for the page's forms, or null
 */
public record PageFrame(String title, String username, String role, String csrf) {
    public static PageFrame of(String title, Principal p) {
        return p == null ? new PageFrame(title, null, null, null)
                : new PageFrame(title, p.username(), p.role().label(), p.csrfToken());
    }

    public boolean loggedIn() {
        return username != null;
    }
}
