package org.scopeflow.server.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing (19 MiB memory, 2 passes, 1 lane: the OWASP minimum), encoded in the
 * PHC string format so that the parameters travel with the hash. Thread-safe.
 */
public final class PasswordHasher {
    public static final int MIN_LENGTH = 10;
    private final Argon2Function argon2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);

    /** @throws IllegalArgumentException when the password is shorter than {@value #MIN_LENGTH} characters */
    public String hash(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the password has " + (password == null ? 0 : password.length())
                    + " characters; use at least " + MIN_LENGTH);
        }
        return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
    }

    /** Whether the password matches the stored hash; false for a null or malformed hash. */
    public boolean matches(String password, String storedHash) {
        if (password == null || storedHash == null || !storedHash.startsWith("$argon2id$")) {
            return false;
        }
        return Password.check(password, storedHash).with(argon2);
    }
}
