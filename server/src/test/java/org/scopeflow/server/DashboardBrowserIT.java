package org.scopeflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (Debian's /usr/bin/chromium driven by Playwright for Java):
 * log in, see the sessions list, open a session, see the plots render, see them grow when a new
 * movie's metrics arrive over SSE, open a movie and the project page. Screenshots go to
 * target/screenshots/. Skipped when Chromium is absent, unless CI=true (then it fails).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    @TempDir
    static Path tmp;
    ServerFixture fx;
    Playwright playwright;
    Browser browser;

    @BeforeAll
    void start() throws Exception {
        Optional<Path> node = onPath("node");
        boolean ci = "true".equals(System.getenv("CI"));
        if (!Files.isExecutable(CHROMIUM) || node.isEmpty()) {
            String why = (!Files.isExecutable(CHROMIUM) ? CHROMIUM + " is missing" : "node is not on PATH")
                    + "; install with 'sudo scripts/install-deps.sh' (apt: chromium nodejs)";
            if (ci) {
                throw new IllegalStateException(why);
            }
            Assumptions.assumeTrue(false, why);
        }
        fx = new ServerFixture(tmp, 200);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of(
                "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "PLAYWRIGHT_NODEJS_PATH", node.get().toString())));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (fx != null) {
            fx.close();
        }
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

    @Test
    void memberLogsInWatchesTheSessionUpdateLiveAndOpensAMovie() {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1440, 900));
        page.navigate(fx.base + "/sessions/" + fx.ownSession);
        assertThat(page.url()).contains("/login?next=");
        shot(page, "01-login");
        page.fill("input[name=username]", "member1");
        page.fill("input[name=password]", ServerFixture.PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL("**/sessions/" + fx.ownSession);

        page.waitForFunction("() => document.getElementById('count-ctf.defocus_u_angstrom').textContent === 'n = 5'");
        Object charts = page.evaluate("() => Array.from(document.querySelectorAll('canvas')).filter(c => Chart.getChart(c)).length");
        assertThat(((Number) charts).intValue()).isEqualTo(12);
        assertThat(page.textContent("#movies-landed")).isEqualTo("5");
        assertThat(page.textContent("#jobs")).contains("failed: 1").contains("power spectrum is flat");
        page.waitForFunction("() => document.getElementById('live').classList.contains('on')");
        page.waitForFunction("() => { const i = document.querySelector('figure.classes img'); return i && i.complete && i.naturalWidth > 0; }");
        assertThat(page.textContent("figure.classes figcaption")).contains("step class2d");
        shot(page, "02-dashboard");

        fx.addMovie(fx.ownSession, 42);
        page.waitForFunction("() => document.getElementById('count-ctf.fit_resolution_angstrom').textContent === 'n = 6'");
        page.waitForFunction("() => document.getElementById('movies-landed').textContent === '6'");
        assertThat(page.evaluate("() => scopeflowDashboard.pointCount('pick.particle_count')")).isEqualTo(6);
        shot(page, "03-dashboard-after-new-movie");

        page.click(".gallery a");
        page.waitForURL("**/files/" + fx.ownFiles.get(0));
        assertThat(page.textContent("h1")).contains("movie_00000.tiff");
        assertThat(page.textContent("table")).contains("ctf.defocus_u_angstrom");
        shot(page, "04-movie");

        page.click("text=← Session");
        page.click(".subtitle a");
        page.waitForURL("**/projects/" + fx.ownProject);
        assertThat(page.textContent("main")).contains("grid-01").contains("member1").contains("default");
        shot(page, "05-project");

        page.navigate(fx.base + "/sessions");
        assertThat(page.textContent("table.sessions")).contains("grid-01").contains("krios-1").doesNotContain("grid-02");
        shot(page, "06-sessions");

        page.navigate(fx.base + "/sessions/" + fx.otherSession);
        assertThat(page.textContent("h1")).contains("404");
        shot(page, "07-not-yours");
        page.close();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
    }
}
