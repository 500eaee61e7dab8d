package org.scopeflow.catalog;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns constraint violations (SQLSTATE 23505 unique on both databases; foreign key 23503 on
 * PostgreSQL, 23506 on H2) into {@link IllegalStateException}s that say what clashed, in the caller's words.
 */
final class SqlErrors {
    static final String UNIQUE_VIOLATION = "23505";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    /** H2 reports a missing parent row with this state, PostgreSQL with 23503. */
    static final String H2_MISSING_PARENT = "23506";

    private SqlErrors() {}

    /** Runs {@code action}; a unique or foreign-key violation becomes an exception with the given message. */
    static <T> T translate(Supplier<T> action, String whenDuplicate, String whenMissingReference) {
        try {
            return action.get();
        } catch (JdbiException e) {
            String state = sqlState(e);
            if (UNIQUE_VIOLATION.equals(state)) {
                throw new IllegalStateException(whenDuplicate, e);
            }
            if (FOREIGN_KEY_VIOLATION.equals(state) || H2_MISSING_PARENT.equals(state)) {
                throw new IllegalStateException(whenMissingReference, e);
            }
            throw e;
        }
    }

    /** The SQLSTATE of the first {@link SQLException} in the cause chain, or null. */
    static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
