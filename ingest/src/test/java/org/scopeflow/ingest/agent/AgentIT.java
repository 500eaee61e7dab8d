package org.scopeflow.ingest.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.ingest.CatalogRejectedException;
import org.scopeflow.ingest.CatalogSink;
import org.scopeflow.ingest.CatalogUnavailableException;
import org.scopeflow.ingest.JsonLinesCatalogSink;
import org.scopeflow.ingest.LandedFile;

/** The agent end to end on the real filesystem, real time, small quiet periods. */
class AgentIT {
    @TempDir
    Path tmp;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Path put(Path p, byte[] b) throws Exception {
        Files.createDirectories(p.getParent());
        return Files.write(p, b);
    }

    /** The real catalog file behind a sink whose tests override only the call they make fail or wait. */
    private static class InFrontOf implements CatalogSink {
        private final JsonLinesCatalogSink real;

        InFrontOf(JsonLinesCatalogSink real) {
            this.real = real;
        }

        @Override
        public void ensureSession(String w, String s) throws CatalogUnavailableException {
            real.ensureSession(w, s);
        }

        @Override
        public void record(List<LandedFile> files) throws CatalogUnavailableException, CatalogRejectedException {
            real.record(files);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void slowWriterFilesAreNeverTransferredEarly() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 1.5}")) {
            h.start();
            int files = 3;
            for (int f = 0; f < files; f++) {
                Path p = h.source.resolve("s1/movie_" + f + ".tiff");
                Files.createDirectories(p.getParent());
                try (OutputStream out = Files.newOutputStream(p)) {
                    for (int chunk = 0; chunk < 8; chunk++) {
                        out.write(bytes(50_000, f * 100 + chunk));
                        out.flush();
                        Thread.sleep(300);
                        assertThat(h.store.resolve("krios1/s1/s1/movie_" + f + ".tiff")).doesNotExist();
                    }
                }
            }
            AgentHarness.await("3 files catalogued", () -> h.catalogFiles().size() == files);
            for (int f = 0; f < files; f++) {
                Path src = h.source.resolve("s1/movie_" + f + ".tiff");
                assertThat(Files.readAllBytes(h.store.resolve("krios1/s1/s1/movie_" + f + ".tiff"))).isEqualTo(Files.readAllBytes(src));
            }
        }
    }

    @Test
    void restartFindsFilesThatArrivedWhileDownAndChangedSourceBecomesANewVersion() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.3}")) {
            put(h.source.resolve("s1/a.tiff"), bytes(1000, 1));
            h.start();
            AgentHarness.await("a catalogued", () -> h.catalogFiles().size() == 1);
            h.stop();
            put(h.source.resolve("s1/b with space ü.tiff"), bytes(1000, 2));
            put(h.source.resolve("s1/a.tiff"), bytes(2000, 3));
            h.start();
            AgentHarness.await("b and a v2 catalogued", () -> h.catalogFiles().size() == 3);
            Path v2 = h.store.resolve("krios1/s1/s1/a.v2.tiff");
            assertThat(Files.readAllBytes(v2)).isEqualTo(bytes(2000, 3));
            assertThat(Files.readAllBytes(h.store.resolve("krios1/s1/s1/a.tiff"))).isEqualTo(bytes(1000, 1));
            assertThat(h.catalogFiles()).extracting(r -> r.path("relative_path").asText() + "@" + r.path("version").asInt())
                    .containsExactlyInAnyOrder("s1/a.tiff@1", "s1/a.tiff@2", "s1/b with space ü.tiff@1");
        }
    }

    @Test
    void onceModeDeletesSourcesOnlyAfterCatalogAndReportsSymlinkLoopsHarmlessly() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.2}\nafter_transfer: delete")) {
            for (int i = 0; i < 20; i++) {
                put(h.source.resolve("s2/d/f" + i + ".mrc"), bytes(i * 10, i));
            }
            Files.createSymbolicLink(h.source.resolve("s2/d/loop"), h.source.resolve("s2"));
            Files.createSymbolicLink(h.source.resolve("s2/link.tiff"), h.source.resolve("s2/d/f1.mrc"));
            assertThat(h.runOnce()).isEmpty();
            assertThat(h.catalogFiles()).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(h.source.resolve("s2/d/f" + i + ".mrc")).doesNotExist();
                assertThat(Files.readAllBytes(h.store.resolve("krios1/s2/s2/d/f" + i + ".mrc"))).isEqualTo(bytes(i * 10, i));
            }
            assertThat(h.store.resolve("krios1/s2/s2/link.tiff")).doesNotExist();
        }
    }

    @Test
    void stoppingWithABatchInFlightSaysWhatItWaitsForAndFinishesIt() throws Exception {
        java.util.concurrent.CountDownLatch recording = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.2}")) {
            JsonLinesCatalogSink real = new JsonLinesCatalogSink(h.catalogFile);
            CatalogSink slow = new InFrontOf(real) {
                @Override
                public void record(List<LandedFile> files) throws CatalogUnavailableException, CatalogRejectedException {
                    recording.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.record(files);
                }
            };
            put(h.source.resolve("s5/big.tiff"), bytes(4000, 5));
            h.start(slow);
            assertThat(recording.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("catalogue batch started").isTrue();
            // slf4j-simple writes to the System.err of the moment
            System.setErr(new java.io.PrintStream(log, true, java.nio.charset.StandardCharsets.UTF_8));
            Thread stopper = new Thread(h::stop);
            stopper.start();
            AgentHarness.await("the stop names what it waits for", () -> log.toString(java.nio.charset.StandardCharsets.UTF_8)
                    .contains("watch krios1: stopping once the 1 batch(es) in flight (1 file(s)) are copied, verified and "
                            + "catalogued; SIGKILL stops at once, and the journal has them redone at the next start"));
            assertThat(stopper.isAlive()).as("the stop waits for the batch").isTrue();
            release.countDown();
            stopper.join(60_000);
            assertThat(stopper.isAlive()).isFalse();
            assertThat(h.catalogFiles()).extracting(r -> r.path("relative_path").asText()).containsExactly("s5/big.tiff");
            assertThat(log.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("agent stopped; journal flushed");
        } finally {
            System.setErr(stderr);
            release.countDown();
        }
    }

    @Test
    void catalogOutageIsRetriedAndNothingIsCleanedMeanwhile() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.2}\nafter_transfer: delete")) {
            JsonLinesCatalogSink real = new JsonLinesCatalogSink(h.catalogFile);
            CatalogSink flaky = new InFrontOf(real) {
                @Override
                public void ensureSession(String w, String s) throws CatalogUnavailableException {
                    if (down.get()) {
                        throw new CatalogUnavailableException("connection refused (test outage)");
                    }
                    super.ensureSession(w, s);
                }
            };
            put(h.source.resolve("s3/x.tiff"), bytes(500, 9));
            h.start(flaky);
            AgentHarness.await("verified at destination", () -> Files.exists(h.store.resolve("krios1/s3/s3/x.tiff")));
            AgentHarness.await("failure visible in status", () -> status(h).failingFiles() == 1);
            assertThat(status(h).failures().values()).anySatisfy(r -> assertThat(r).contains("CATALOG_UNAVAILABLE"));
            assertThat(h.source.resolve("s3/x.tiff")).exists();
            down.set(false);
            AgentHarness.await("catalogued and cleaned", () -> h.catalogFiles().size() == 1 && !Files.exists(h.source.resolve("s3/x.tiff")));
        }
    }

    @Test
    void aFileTheCatalogRefusesKeepsItsSourceWhileTheRestOfTheBatchIsRecordedAndCleaned() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.2}\nafter_transfer: delete")) {
            JsonLinesCatalogSink real = new JsonLinesCatalogSink(h.catalogFile);
            CatalogSink picky = new InFrontOf(real) {
                @Override
                public void record(List<LandedFile> files) throws CatalogUnavailableException, CatalogRejectedException {
                    List<LandedFile> bad = files.stream().filter(f -> refusing.get() && f.relativePath().contains("bad")).toList();
                    super.record(files.stream().filter(f -> !bad.contains(f)).toList());
                    if (!bad.isEmpty()) {
                        throw new CatalogRejectedException(bad.stream().collect(java.util.stream.Collectors.toMap(
                                LandedFile::catalogKey, f -> "checksum differs from the one recorded")));
                    }
                }
            };
            put(h.source.resolve("s5/good.tiff"), bytes(300, 5));
            put(h.source.resolve("s5/bad.tiff"), bytes(300, 6));
            h.start(picky);
            AgentHarness.await("good file catalogued and cleaned",
                    () -> h.catalogFiles().size() == 1 && !Files.exists(h.source.resolve("s5/good.tiff")));
            AgentHarness.await("refusal visible in status", () -> status(h).failingFiles() == 1);
            assertThat(status(h).failures().get("s5/bad.tiff")).startsWith("CATALOG_REJECTED: checksum differs from the one recorded");
            assertThat(h.source.resolve("s5/bad.tiff")).as("never cleaned up while refused").exists();
            refusing.set(false);
            AgentHarness.await("retried and recorded once the catalog takes it",
                    () -> h.catalogFiles().size() == 2 && !Files.exists(h.source.resolve("s5/bad.tiff")));
        }
    }

    @Test
    void epuSidecarAndMdocMetadataAreCatalogued() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.2, sidecar: \"{stem}.xml\"}")) {
            put(h.source.resolve("s4/FoilHole_1.xml"), org.scopeflow.ingest.metadata.EpuXmlExtractorTest.EPU_XML.getBytes());
            put(h.source.resolve("s4/FoilHole_1.tiff"), bytes(100, 4));
            assertThat(h.runOnce()).isEmpty();
            JsonNode xml = h.catalogFiles().stream().filter(r -> r.path("relative_path").asText().endsWith(".xml")).findFirst().orElseThrow();
            assertThat(xml.path("metadata").toString()).contains("\"voltage_kv\"", "\"value\":\"300\"", "\"unit\":\"kV\"");
        }
    }

    private static AgentStatus.WatchStatus status(AgentHarness h) {
        try {
            return AgentStatus.read(h.settings, java.time.Clock.systemUTC()).watches().get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
