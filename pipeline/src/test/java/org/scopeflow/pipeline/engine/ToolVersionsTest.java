package org.scopeflow.pipeline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions of command-step tools from their version_command: real bash, real processes. */
class ToolVersionsTest {
    final MutableClock clock = new MutableClock();
    final ToolVersions versions = new ToolVersions(clock, Duration.ofSeconds(2));

    @Test
    void recordsTheFirstNonBlankLineOfStdoutOrStderr() {
        assertThat(versions.of("printf '\\n   mytool 1.2.3  \\nbuilt 2026\\n'")).isEqualTo("mytool 1.2.3");
        assertThat(versions.of("echo 'IMOD Version 4.11.25' >&2")).isEqualTo("IMOD Version 4.11.25");
    }

    @Test
    void noVersionCommandMeansUnknownAndRunsNothing() {
        assertThat(versions.of("")).isEmpty();
    }

    @Test
    void aFailingOrMissingToolIsRecordedAsUnknownWithTheReason() {
        assertThat(versions.of("echo oops; exit 3"))
                .isEqualTo("unknown: version command 'echo oops; exit 3' exited with 3: oops");
        assertThat(versions.of("no-such-tool-scopeflow --version"))
                .startsWith("unknown: version command 'no-such-tool-scopeflow --version' exited with 127: ")
                .contains("not found");
        assertThat(versions.of("true")).isEqualTo("unknown: version command 'true' printed nothing");
    }

    @Test
    void aHangingVersionCommandIsCutOffAtTheTimeLimit() {
        long t0 = System.nanoTime();
        assertThat(versions.of("sleep 60")).isEqualTo("unknown: version command 'sleep 60' still ran after 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aBackgroundProcessHoldingTheOutputOpenDoesNotBlock() {
        long t0 = System.nanoTime();
        assertThat(versions.of("sleep 60 & echo v7")).isEqualTo("v7");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void eachCommandRunsAtMostOncePerMaxAge(@TempDir Path dir) {
        String counting = "echo run >> '" + dir.resolve("runs") + "'; echo \"tool v$(wc -l < '" + dir.resolve("runs") + "')\"";
        assertThat(versions.of(counting)).isEqualTo("tool v1");
        assertThat(versions.of(counting)).isEqualTo("tool v1");
        clock.advance(ToolVersions.MAX_AGE.plusSeconds(1));
        assertThat(versions.of(counting)).isEqualTo("tool v2");
    }
}
