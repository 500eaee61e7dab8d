package org.scopeflow.server.auth;

import java.util.Optional;

/**
 * On first start (no admin account yet) creates the account {@code admin} with a random password,
 * which is returned once to be printed and is never stored in clear.
 */
public final class AdminBootstrap {
    public static final String ADMIN_USERNAME = "admin";

    private AdminBootstrap() {}

    /** @return the new admin's password, or empty when an admin already exists */
    public static Optional<String> ensureAdmin(AccountStore accounts, PasswordHasher hasher) {
        if (accounts.anyAdmin()) {
            return Optional.empty();
        }
        String password = SecretTokens.generate("").substring(0, 20);
        accounts.create(ADMIN_USERNAME, "Facility administrator", Role.ADMIN, hasher.hash(password));
        return Optional.of(password);
    }
}
