package org.scopeflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a scientist sees it, in a real browser (Debian's /usr/bin/chromium through Playwright):
 * log in, open the demo session, watch plots and micrographs appear while the simulated microscope
 * acquires, see a corrupt movie's failed job with its stderr, open a movie with its pictures.
 * Screenshots go to target/screenshots/demo-*.png. Skipped without Chromium unless CI=true.
 */
class DemoBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path tmp;

    @Test
    void scientistWatchesTheDemoSessionFillLiveAndSeesAFailedMovie() throws Exception {
        Optional<Path> node = onPath("node");
        if (!Files.isExecutable(CHROMIUM) || node.isEmpty()) {
            String why = (!Files.isExecutable(CHROMIUM) ? CHROMIUM + " is missing" : "node is not on PATH")
                    + "; install with 'sudo scripts/install-deps.sh' (apt: chromium nodejs)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.assumeTrue(false, why);
        }
        Files.createDirectories(SCREENSHOTS);
        Path data = tmp.resolve("data");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo",
                "--port", "0", "--data", data.toString(), "--movies", "6", "--rate", "12/min", "--size", "512", "--frames", "8")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("demo.log").toFile()).start();
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_NODEJS_PATH", node.get().toString())));
             Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
                     .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run")))) {
            String dashboard = awaitLine(tmp.resolve("demo.log"), Pattern.compile("Dashboard: +(\\S+)"), demo);
            Path sessionDir = Path.of(awaitLine(tmp.resolve("demo.log"), Pattern.compile("Microscope: .* into (\\S+)"), demo));

            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1440, 900));
            page.setDefaultTimeout(180_000);
            page.navigate(dashboard);
            assertThat(page.url()).contains("/login");
            page.fill("input[name=username]", "demo");
            page.fill("input[name=password]", "scopeflow-demo");
            page.click("button[type=submit]");
            page.waitForURL(dashboard);

            page.waitForFunction("() => scopeflowDashboard.pointCount('ctf.defocus_u_angstrom') >= 1");
            page.waitForSelector(".gallery img");
            shot(page, "demo-01-first-movie");

            // A movie the microscope wrote corrupt: it lands (nothing is dropped) and its motion job fails visibly.
            Path corrupt = sessionDir.resolve("Images-Disc1/GridSquare_9/Data/FoilHole_9_Data_9_9_20261122_000000_fractions.tiff");
            Files.createDirectories(corrupt.getParent());
            Files.write(corrupt, "II*\0 this is not a TIFF movie".getBytes(StandardCharsets.US_ASCII));

            page.waitForFunction("() => scopeflowDashboard.pointCount('ctf.defocus_u_angstrom') >= 3");
            page.waitForFunction("() => document.querySelectorAll('.gallery img').length >= 3");
            page.waitForFunction("() => document.getElementById('movies-failed').textContent === '1'");
            page.waitForSelector("#jobs table.failures");
            assertThat(page.textContent("#jobs table.failures")).contains("motion").contains("FoilHole_9_Data_9_9");
            shot(page, "demo-02-live-with-failure");

            page.click(".gallery a");
            page.waitForURL("**/files/*");
            page.waitForFunction("() => Array.from(document.querySelectorAll('img.micrograph')).every(i => i.complete && i.naturalWidth > 0)");
            assertThat(page.locator("img.micrograph").count()).isGreaterThanOrEqualTo(4);
            assertThat(page.textContent("table")).contains("ctf.defocus_u_angstrom").contains("motion.total_drift_angstrom");
            shot(page, "demo-03-movie");
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(demo.pid())).start().waitFor();
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Files.readString(tmp.resolve("demo.log"))).contains("Demo stopped; its state is kept in");
    }

    private static String awaitLine(Path log, Pattern pattern, Process demo) throws Exception {
        for (int i = 0; i < 1200; i++) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
            if (!demo.isAlive()) {
                throw new AssertionError("demo exited (" + demo.exitValue() + ") before printing " + pattern + ":\n" + text);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("demo printed no " + pattern + " within 2 minutes:\n" + Files.readString(log));
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }

    static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
