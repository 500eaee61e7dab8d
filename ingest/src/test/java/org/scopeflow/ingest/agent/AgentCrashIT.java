package org.scopeflow.ingest.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.JsonLinesCatalogSink;
import org.scopeflow.ingest.transfer.FileHasher;

/**
 * kill -9 the agent (a separate JVM) at random moments during a 2,000-file ingest, restart it each
 * time, and prove every file is at the destination exactly once, with a matching checksum, and
 * catalogued exactly once.
 */
class AgentCrashIT {
    private static final int FILES = 2000;
    private int runs;

    @TempDir
    Path tmp;

    @Test
    void killNineAtRandomMomentsLosesAndDuplicatesNothing() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.createDirectories(tmp.resolve("store/krios1"));
        Files.createDirectories(tmp.resolve("cat"));
        Random rnd = new Random(42);
        Map<String, byte[]> expected = new HashMap<>();
        for (int i = 0; i < FILES; i++) {
            String rel = "sess" + (i % 3) + "/sq" + (i % 17) + "/m " + i + ".tiff";
            byte[] b = new byte[rnd.nextInt(48_000)];
            rnd.nextBytes(b);
            Files.createDirectories(src.resolve(rel).getParent());
            Files.write(src.resolve(rel), b);
            expected.put(rel, b);
        }
        Path config = Files.writeString(tmp.resolve("agent.yaml"), """
                state_dir: %s
                catalog: {jsonl_file: %s}
                watches:
                  - name: krios1
                    source: %s
                    destination: "%s/krios1/{path}"
                    session_pattern: '^(?<session>[^/]+)/'
                    complete: {quiet_seconds: 0.2}
                    poll_seconds: 1
                    parallel: 3
                """.formatted(tmp.resolve("state"), tmp.resolve("cat/catalog.jsonl"), src, tmp.resolve("store")));
        int kills = 0;
        int midIngestKills = 0;
        for (int round = 0; round < 5; round++) {
            Process p = start(config, false);
            Thread.sleep(700 + rnd.nextInt(1500));
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                kills++;
                long done = catalogued();
                midIngestKills += done > 0 && done < FILES ? 1 : 0;
            }
        }
        assertThat(midIngestKills).as("kills that hit the ingest half-way").isGreaterThanOrEqualTo(1);
        Process last = start(config, true);
        assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("final --once run finished").isTrue();
        assertThat(last.exitValue()).as("final --once run: " + tail(tmp.resolve("agent-" + (runs - 1) + ".log"))).isZero();
        assertThat(kills).isGreaterThanOrEqualTo(3);
        verify(expected);
    }

    private long catalogued() {
        return JsonLinesCatalogSink.readRows(tmp.resolve("cat/catalog.jsonl")).stream()
                .filter(r -> r.path("type").asText().equals("file")).count();
    }

    private Process start(Path config, boolean once) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), AgentProcessMain.class.getName(), config.toString()));
        if (once) {
            cmd.add("once");
        }
        Path log = tmp.resolve("agent-" + (runs++) + ".log");
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
    }

    private static String tail(Path log) throws java.io.IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private void verify(Map<String, byte[]> expected) throws Exception {
        Path dest = tmp.resolve("store/krios1");
        List<Path> landed;
        try (Stream<Path> s = Files.walk(dest)) {
            landed = s.filter(Files::isRegularFile).toList();
        }
        assertThat(landed).as("no temp files, no extra versions").hasSize(FILES);
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertThat(Files.readAllBytes(dest.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
        List<JsonNode> rows = JsonLinesCatalogSink.readRows(tmp.resolve("cat/catalog.jsonl")).stream()
                .filter(r -> r.path("type").asText().equals("file")).toList();
        Set<String> keys = new HashSet<>();
        for (JsonNode r : rows) {
            assertThat(keys.add(r.path("relative_path").asText())).as("catalogued once: " + r).isTrue();
            assertThat(r.path("version").asInt()).isEqualTo(1);
            Path f = dest.resolve(r.path("relative_path").asText());
            assertThat(r.path("checksums").path("xxh3-128").asText())
                    .isEqualTo(FileHasher.cached(f, Set.of(ChecksumAlgorithm.XXH3_128)).get(ChecksumAlgorithm.XXH3_128));
        }
        assertThat(keys).isEqualTo(expected.keySet());
    }
}
