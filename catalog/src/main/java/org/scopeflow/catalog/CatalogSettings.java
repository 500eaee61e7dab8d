package org.scopeflow.catalog;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach the catalog database.
 *
 * @param url      JDBC URL: {@code jdbc:h2:file:…} (embedded) or {@code jdbc:postgresql://…}
 * @param user     database user, may be empty for H2
 * @param password database password, may be empty
 * @param maxPoolSize connections kept open at most
 */
public record CatalogSettings(String url, String user, String password, int maxPoolSize) {
    /** Appended to every H2 URL so the schema behaves like PostgreSQL 15. */
    public static final String H2_MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public CatalogSettings {
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize " + maxPoolSize + " must be at least 1");
        }
    }

    /** The embedded default: an H2 file database {@code catalog/scopeflow} under the data directory. */
    public static CatalogSettings embedded(Path dataDir) {
        return new CatalogSettings(embeddedUrl(dataDir), "", "", 8);
    }

    /** JDBC URL of the embedded H2 file database under {@code dataDir}. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("catalog").resolve("scopeflow") + H2_MODE;
    }

    /** The same settings with another URL (user and password kept). */
    public CatalogSettings withUrl(String newUrl) {
        return new CatalogSettings(newUrl, user, password, maxPoolSize);
    }

    public boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL with any password in it replaced by {@code ***}, for messages and logs. */
    public String maskedUrl() {
        return maskPassword(url);
    }

    /** {@code url} with the value of a {@code password=} parameter (PostgreSQL {@code ?…&}, H2 {@code ;…}) hidden. */
    public static String maskPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The URL with H2's PostgreSQL-compatibility options added when they are missing. */
    public String effectiveUrl() {
        if (isH2() && !url.toUpperCase(java.util.Locale.ROOT).contains("MODE=POSTGRESQL")) {
            return url + H2_MODE;
        }
        return url;
    }
}
