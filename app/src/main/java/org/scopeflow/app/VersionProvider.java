package org.scopeflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Prints the version from the build and the git revision the launcher passes in. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        String revision = System.getProperty("scopeflow.revision", "unknown");
        return new String[] {
            "scopeflow " + version() + " (git " + revision + ")",
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name")
        };
    }

    /** The build's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown}. */
    static String version() throws IOException {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/scopeflow-version.properties")) {
            if (in != null) {
                props.load(in);
            }
        }
        return props.getProperty("version", "unknown");
    }
}
