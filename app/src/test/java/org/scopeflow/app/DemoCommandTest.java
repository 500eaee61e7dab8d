package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.catalog.Catalog;
import org.scopeflow.catalog.CatalogSettings;
import picocli.CommandLine;

/**
 * {@code scopeflow demo} end to end: movies from the simulated microscope are landed, catalogued and
 * processed, the dashboard serves their numbers and pictures to the demo user while it runs, and
 * stopping it (SIGTERM, as Ctrl-C) ends everything cleanly.
 */
class DemoCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theWholeChainRunsAndTheDashboardShowsProcessedMovies(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("demo-data");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cl.execute("demo", "--port", "0", "--data", data.toString(),
                "--movies", "3", "--rate", "max", "--size", "512", "--frames", "8", "--until-done", "--stop-after", "600"));

        String base = awaitUrl(out, run);
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo\",\"password\":\"scopeflow-demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

        JsonNode summary = null;
        long fileId = -1;
        while (!run.isDone()) {
            summary = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/sessions/1/summary")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (summary.path("session").path("movies_processed").asInt() >= 1) {
                JsonNode files = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base
                        + "/api/sessions/1/metrics?keys=ctf.defocus_u_angstrom&limit=1")).build(), HttpResponse.BodyHandlers.ofString()).body());
                fileId = files.path("items").path(0).path("file_id").asLong(-1);
                if (fileId > 0) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        assertThat(fileId).as("a processed movie seen on the dashboard while the demo ran; output:\n%s\n%s", out, err).isPositive();
        HttpResponse<byte[]> thumb = http.send(HttpRequest.newBuilder(URI.create(base + "/api/files/" + fileId + "/images/thumbnail")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (thumb.statusCode() == 200) {
            assertThat(thumb.headers().firstValue("Content-Type")).contains("image/png");
        }

        assertThat(run.get(10, TimeUnit.MINUTES)).as("exit code; output:\n%s\n%s", out, err).isZero();
        assertThat(out.toString()).contains("Log in as:   demo / scopeflow-demo").contains("Demo stopped; its state is kept in");

        try (Catalog catalog = Catalog.open(CatalogSettings.embedded(data))) {
            List<Map<String, Object>> movies = catalog.jdbi().withHandle(h -> h.createQuery(
                    "SELECT id, state, storage_root, checksum_value FROM files WHERE session_id = 1 AND relative_path LIKE '%_fractions.tiff'")
                    .mapToMap().list());
            assertThat(movies).hasSize(3).allSatisfy(m -> {
                assertThat(m.get("state")).isEqualTo("verified");
                assertThat(m.get("storage_root")).isEqualTo("storage");
                assertThat((String) m.get("checksum_value")).hasSize(32);
            });
            for (Map<String, Object> m : movies) {
                List<String> keys = catalog.jdbi().withHandle(h -> h.createQuery(
                        "SELECT meta_key FROM metadata_values WHERE owner_kind = 'file' AND owner_id = :id")
                        .bind("id", m.get("id")).mapTo(String.class).list());
                assertThat(keys).contains("motion.total_drift_angstrom", "ctf.defocus_u_angstrom", "ctf.fit_resolution_angstrom",
                        "thumbnail.thumbnail_png", "ctf.spectrum_png").doesNotContain("processing_error");
            }
            Long failed = catalog.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pipeline_jobs WHERE state = 'failed'")
                    .mapTo(Long.class).one());
            assertThat(failed).isZero();
        }
        try (Stream<Path> sources = Files.walk(data.resolve("microscope"))) {
            assertThat(sources.filter(p -> p.toString().endsWith("_fractions.tiff")).count())
                    .as("after_transfer: keep leaves the microscope's files").isEqualTo(3);
        }
        // The login page answers while the thumbnail may not have been there yet; a picture must be there now.
        try (Stream<Path> pngs = Files.walk(data.resolve("storage").resolve("processing"))) {
            assertThat(pngs.filter(p -> p.toString().endsWith("_thumb.png")).count()).isEqualTo(3);
        }
    }

    @Test
    void sigtermStopsEverythingCleanlyAndRemovesTheTemporaryData() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo",
                "--port", "0", "--movies", "50", "--rate", "30/min", "--size", "256", "--frames", "4")
                .redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        Path data = null;
        String line;
        while ((line = lines.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = Pattern.compile("^  Data: +(\\S+)").matcher(line);
            if (m.find()) {
                data = Path.of(m.group(1));
            }
            if (line.startsWith("Ctrl-C stops everything")) {
                break;
            }
        }
        assertThat(data).as(seen.toString()).isNotNull().exists();
        Thread.sleep(5_000);
        // SIGTERM as Ctrl-C's stand-in (Process.destroy would close our end of its output).
        assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
        while ((line = lines.readLine()) != null) {
            seen.append(line).append('\n');
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.toString()).contains("Stopping the demo").contains("Demo stopped.");
        assertThat(data).doesNotExist();
    }

    private static String awaitUrl(StringWriter out, CompletableFuture<Integer> run) throws Exception {
        Pattern url = Pattern.compile("Dashboard: +(http://[^/]+)/");
        for (int i = 0; i < 1200; i++) {
            Matcher m = url.matcher(out.toString());
            if (m.find()) {
                return m.group(1);
            }
            if (run.isDone()) {
                throw new AssertionError("demo ended before printing its URL (exit " + run.get() + "):\n" + out);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no dashboard URL after 2 minutes:\n" + out);
    }
}
