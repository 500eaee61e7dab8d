package org.scopeflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Prints the version and git revision: the revision the launcher passes in (with {@code -dirty} for
 * uncommitted changes), else the one recorded at build time.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        String revision = System.getProperty("scopeflow.revision", build("revision"));
        return new String[] {
            "scopeflow " + version() + " (git " + revision + ")",
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
        };
    }

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}. */
    static String version() throws IOException {
        return build("version");
    }

    private static String build(String key) throws IOException {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/scopeflow-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        String value = props.getProperty(key, "unknown");
        return value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
