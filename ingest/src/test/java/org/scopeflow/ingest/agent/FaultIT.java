package org.scopeflow.ingest.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faults, no simulation: a full destination (tmpfs of 2 MiB), an unmounted destination (umount),
 * and an unreadable source file (chmod 000, with the agent in a child process that lacks the
 * CAP_DAC_OVERRIDE root would otherwise bypass permissions with). Mounting needs root: without it the
 * tmpfs tests are skipped with a message.
 */
class FaultIT {
    @TempDir
    Path tmp;
    private final List<Path> mounts = new ArrayList<>();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            run("umount", m.toString());
        }
    }

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    private void mountTmpfs(Path at, String size) throws Exception {
        Files.createDirectories(at);
        int rc = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString());
        assumeTrue(rc == 0, "mount -t tmpfs is not permitted here (needs root / CAP_SYS_ADMIN); ENOSPC and unmount tests skipped");
        mounts.add(at);
    }

    /** A small ext4 filesystem in a file, loop-mounted: a real disk filesystem that allows O_DIRECT (tmpfs does not). */
    private void mountExt4(Path at, int mib) throws Exception {
        Files.createDirectories(at);
        Path image = tmp.resolve("ext4-" + at.getFileName() + ".img");
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength((long) mib << 20);
        }
        assumeTrue(run("mkfs.ext4", "-q", "-F", image.toString()) == 0, "mkfs.ext4 is not available; the full-disk direct-I/O test is skipped");
        int rc = run("mount", "-o", "loop", image.toString(), at.toString());
        assumeTrue(rc == 0, "mount -o loop is not permitted here (needs root and a loop device); the full-disk direct-I/O test is skipped");
        mounts.add(at);
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void fullDestinationIsRetriedVisiblyAndResumesWhenSpaceIsFreed() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.2}")) {
            mountTmpfs(h.store, "2m");
            Files.createDirectories(h.store.resolve("krios1"));
            Path filler = Files.write(h.store.resolve("filler"), bytes(1_700_000, 1));
            for (int i = 0; i < 4; i++) {
                Files.createDirectories(h.source.resolve("s1"));
                Files.write(h.source.resolve("s1/f" + i + ".tiff"), bytes(200_000, i + 10));
            }
            h.start();
            AgentHarness.await("NO_SPACE visible in status", () -> h.failureReasons().stream().anyMatch(r -> r.startsWith("NO_SPACE")));
            Files.delete(filler);
            AgentHarness.await("all 4 catalogued after space was freed", () -> h.catalogFiles().size() == 4);
            for (int i = 0; i < 4; i++) {
                assertThat(Files.readAllBytes(h.store.resolve("krios1/s1/s1/f" + i + ".tiff"))).isEqualTo(bytes(200_000, i + 10));
            }
            try (var s = Files.walk(h.store)) {
                assertThat(s.filter(p -> p.toString().endsWith(".sf-part"))).isEmpty();
            }
        }
    }

    @Test
    void fullDiskDuringDirectWritesOfLargeFilesIsRetriedVisiblyAndResumes() throws Exception {
        // large files take the O_DIRECT path (DirectCopy), which tmpfs refuses: this needs a disk filesystem
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.2}")) {
            mountExt4(h.store, 96);
            Files.createDirectories(h.store.resolve("krios1"));
            long free = Files.getFileStore(h.store).getUsableSpace();
            Path filler = h.store.resolve("filler");
            try (var f = new java.io.RandomAccessFile(filler.toFile(), "rw")) {
                f.write(new byte[(int) Math.max(0, free - (30L << 20))]); // leaves ~30 MiB: one 20 MiB file fits, three do not
            }
            Files.createDirectories(h.source.resolve("s1"));
            for (int i = 0; i < 3; i++) {
                Files.write(h.source.resolve("s1/big" + i + ".tiff"), bytes(20 << 20, i + 20));
            }
            h.start();
            AgentHarness.await("NO_SPACE visible in status", () -> h.failureReasons().stream().anyMatch(r -> r.startsWith("NO_SPACE")));
            Files.delete(filler);
            AgentHarness.await("all 3 catalogued after space was freed", () -> h.catalogFiles().size() == 3);
            for (int i = 0; i < 3; i++) {
                assertThat(Files.readAllBytes(h.store.resolve("krios1/s1/s1/big" + i + ".tiff"))).isEqualTo(bytes(20 << 20, i + 20));
                assertThat(h.source.resolve("s1/big" + i + ".tiff")).exists(); // after_transfer keep: the source is untouched
            }
            try (var s = Files.walk(h.store)) {
                assertThat(s.filter(p -> p.toString().endsWith(".sf-part"))).isEmpty();
            }
        }
    }

    @Test
    void unmountedDestinationIsNeverWrittenIntoAndResumesAfterRemount() throws Exception {
        try (AgentHarness h = new AgentHarness(tmp, "complete: {quiet_seconds: 0.2}")) {
            Files.delete(h.store.resolve("krios1"));   // the bare mount point holds nothing
            mountTmpfs(h.store, "8m");
            Files.createDirectories(h.store.resolve("krios1"));
            run("umount", h.store.toString());
            mounts.remove(h.store);
            Files.createDirectories(h.source.resolve("s1"));
            Files.write(h.source.resolve("s1/a.tiff"), bytes(1000, 3));
            h.start();
            AgentHarness.await("DESTINATION_UNMOUNTED visible", () -> h.failureReasons().stream().anyMatch(r -> r.startsWith("DESTINATION_UNMOUNTED")));
            try (var s = Files.list(h.store)) {
                assertThat(s).as("nothing written onto the bare mount point").isEmpty();
            }
            mountTmpfs(h.store, "8m");
            Files.createDirectories(h.store.resolve("krios1"));
            AgentHarness.await("catalogued after remount", () -> h.catalogFiles().size() == 1);
            assertThat(Files.readAllBytes(h.store.resolve("krios1/s1/s1/a.tiff"))).isEqualTo(bytes(1000, 3));
        }
    }

    @Test
    void unreadableFileIsReportedWhileTheOthersGoOn() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(!root || Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "running as root without setpriv: cannot make a file unreadable to the agent");
        Path src = Files.createDirectories(tmp.resolve("src/s1"));
        for (int i = 0; i < 5; i++) {
            Files.write(src.resolve("f" + i + ".tiff"), bytes(1000, i));
        }
        Path locked = src.resolve("f2.tiff");
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        Path config = childConfig("complete: {quiet_seconds: 0.2}");
        List<String> cmd = new ArrayList<>();
        if (root) {
            cmd.addAll(List.of("/usr/bin/setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), AgentProcessMain.class.getName(), config.toString(), "once"));
        Path log = tmp.resolve("agent.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("FAILED s1/f2.tiff: PERMISSION_DENIED");
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(tmp.resolve("store/krios1/s1/f" + i + ".tiff")).exists();
        }
        assertThat(tmp.resolve("store/krios1/s1/f2.tiff")).doesNotExist();
    }

    @Test
    void largeFilesStillArriveWhenTheJvmHasLittleDirectMemory() throws Exception {
        // 24 MiB of direct memory: not enough for two large-file copies' blocks (32 MiB each) nor, with one
        // of them, for all re-read buffers; every file must still arrive, verified, and the run exit 0
        Path src = Files.createDirectories(tmp.resolve("src/s1"));
        for (int i = 0; i < 4; i++) {
            Files.write(src.resolve("big" + i + ".tiff"), bytes(20 << 20, i));
        }
        for (int i = 0; i < 50; i++) {
            Files.write(src.resolve("small" + i + ".tiff"), bytes(200_000, 100 + i));
        }
        Path config = childConfig("complete: {quiet_seconds: 0}, parallel: 8");
        Path log = tmp.resolve("agent.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxDirectMemorySize=24m", "-cp", System.getProperty("java.class.path"),
                AgentProcessMain.class.getName(), config.toString(), "once")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        assertThat(ended).as("the agent ended within 120 s; its log:%n%s", out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        try (var files = Files.list(src)) {
            for (Path f : files.toList()) {
                assertThat(tmp.resolve("store/krios1/s1/" + f.getFileName())).as(out).hasSameBinaryContentAs(f);
            }
        }
        assertThat(Files.readAllLines(tmp.resolve("cat/catalog.jsonl")).stream().filter(l -> l.contains("\"type\":\"file\"")))
                .hasSize(54);
    }

    /** The config of an agent run in a child JVM: tmp/src → tmp/store/krios1, JSON-lines catalog in tmp/cat. */
    private Path childConfig(String watchSettings) throws java.io.IOException {
        Files.createDirectories(tmp.resolve("store/krios1"));
        Files.createDirectories(tmp.resolve("cat"));
        return Files.writeString(tmp.resolve("agent.yaml"), """
                state_dir: %s
                catalog: {jsonl_file: %s}
                watches:
                  - {name: krios1, source: %s, destination: "%s/krios1/{path}", %s}
                """.formatted(tmp.resolve("state"), tmp.resolve("cat/catalog.jsonl"), tmp.resolve("src"), tmp.resolve("store"),
                watchSettings));
    }
}
