package org.scopeflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded catalog stays open while the process's own shutdown hooks run (the demo, server and
 * agent stop their work on Ctrl-C before closing it): H2 must not close the database at JVM exit on its own.
 */
class H2ShutdownTest {
    @Test
    void theCatalogAnswersQueriesFromAShutdownHook(@TempDir Path dir) throws Exception {
        String url = CatalogSettings.embeddedUrl(dir);
        assertThat(new CatalogSettings(url, "", "", 2).effectiveUrl()).endsWith(";DB_CLOSE_ON_EXIT=FALSE");
        assertThat(new CatalogSettings(url + ";DB_CLOSE_ON_EXIT=TRUE", "", "", 2).effectiveUrl())
                .as("a URL that asks otherwise is left alone").doesNotContain("DB_CLOSE_ON_EXIT=FALSE");

        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), QueryAtExit.class.getName(), url)
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as(out).contains("sessions at exit: 0").doesNotContain("already closed");
        assertThat(p.exitValue()).isZero();
    }

    /**
     * Opens the catalog and takes a connection, as a pipeline pass in progress holds one; queries through it
     * from a shutdown hook after the other hooks (H2's among them) had time to run.
     */
    public static final class QueryAtExit {
        public static void main(String[] args) throws IOException {
            Catalog catalog = Catalog.open(new CatalogSettings(args[0], "", "", 2));
            org.jdbi.v3.core.Handle inUse = catalog.jdbi().open();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Thread.sleep(500);
                    System.out.println("sessions at exit: " + inUse.createQuery("SELECT COUNT(*) FROM sessions").mapTo(Long.class).one());
                } catch (RuntimeException | InterruptedException e) {
                    System.out.println("query at exit failed: " + e);
                } finally {
                    inUse.close();
                    catalog.close();
                }
            }));
            System.exit(0);
        }
    }
}
