package org.scopeflow.app;

import java.sql.SQLException;
import java.util.function.Function;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.catalog.dump.CatalogDumpException;

/**
 * Opens the catalog for a command and turns the failures a user can act on into
 * {@link UserFacingException}s: an unreachable database becomes one line naming the URL (password
 * masked), exit code 1; a refused dump its own message, exit code 1.
 */
final class CatalogConnections {
    private CatalogConnections() {}

    /** Work on an open catalog; may throw a checked exception of its own, passed on unchanged. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T apply(Catalog catalog) throws E;
    }

    /** Opens the catalog without migrating it, runs {@code work}, closes it. */
    static <T, E extends Exception> T withCatalog(CatalogSettings settings, Work<T, E> work) throws E {
        return with(settings, Catalog::openWithoutMigrating, work);
    }

    /** Opens the catalog, migrating its schema first when it is behind, runs {@code work}, closes it. */
    static <T, E extends Exception> T withMigratedCatalog(CatalogSettings settings, Work<T, E> work) throws E {
        return with(settings, Catalog::open, work);
    }

    private static <T, E extends Exception> T with(CatalogSettings settings, Function<CatalogSettings, Catalog> open,
            Work<T, E> work) throws E {
        Catalog catalog;
        try {
            catalog = open.apply(settings);
        } catch (RuntimeException e) {
            throw unreachable(settings, e);
        }
        try (catalog) {
            return work.apply(catalog);
        } catch (CatalogDumpException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILED, e);
        } catch (RuntimeException e) {
            if (rootSqlException(e) != null && !(e instanceof IllegalArgumentException)) {
                throw new UserFacingException("catalog database " + settings.maskedUrl() + ": "
                        + rootSqlException(e).getMessage(), ExitCodes.FAILED, e);
            }
            throw e;
        }
    }

    private static UserFacingException unreachable(CatalogSettings settings, RuntimeException e) {
        SQLException sql = rootSqlException(e);
        String reason = sql != null ? sql.getMessage() : e.getMessage();
        return new UserFacingException("cannot reach catalog database " + settings.maskedUrl() + ": "
                + CatalogSettings.maskPassword(String.valueOf(reason)).lines().findFirst().orElse("")
                + "; check --db-url / catalog.db_url and that the database is running", ExitCodes.FAILED, e);
    }

    private static SQLException rootSqlException(Throwable e) {
        SQLException found = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                found = sql;
            }
        }
        return found;
    }
}
