package org.scopeflow.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.server.auth.AccountStore;
import org.scopeflow.server.auth.PasswordHasher;
import org.scopeflow.server.http.Bodies;

/**
 * What route handlers share: the catalog, accounts, JSON conventions and settings.
 *
 * @param catalog  the open catalog
 * @param accounts accounts, logins and tokens
 * @param hasher   password hashing
 * @param json     the API's object mapper
 * @param bodies   request body reader
 * @param settings  server settings
 * @param stopHooks closed when the server stops (background pollers)
 */
public record Services(Catalog catalog, AccountStore accounts, PasswordHasher hasher, ObjectMapper json,
                       Bodies bodies, ServerSettings settings, java.util.List<AutoCloseable> stopHooks) {
    public Clock clock() {
        return settings.clock();
    }
}
