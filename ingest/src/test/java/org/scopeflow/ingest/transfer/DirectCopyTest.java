package org.scopeflow.ingest.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.VerifyMode;

/** Large files: copied with direct I/O and read back during the copy, byte for byte, at any size. */
class DirectCopyTest {
    @TempDir
    Path tmp;

    private Path source(long size) throws Exception {
        Path p = tmp.resolve("src/movie.tiff");
        Files.createDirectories(p.getParent());
        byte[] chunk = new byte[1 << 20];
        Random r = new Random(size);
        try (var out = Files.newOutputStream(p)) {
            for (long left = size; left > 0; left -= chunk.length) {
                r.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(left, chunk.length));
            }
        }
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_700_000_123_000L));
        return p;
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(p)) {
            byte[] b = new byte[1 << 20];
            for (int n; (n = in.read(b)) > 0; ) {
                md.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @ParameterizedTest
    @EnumSource(VerifyMode.class)
    void anUnalignedLargeFileArrivesWholeWithItsMtimeInEveryMode(VerifyMode mode) throws Exception {
        long size = FileTransferer.LARGE_FILE_BYTES + 3 * DirectCopy.BLOCK_BYTES + 12_345; // not a multiple of 4096
        Path src = source(size);
        Files.createDirectories(tmp.resolve("store"));
        FileTransferer t = new FileTransferer(Set.of(ChecksumAlgorithm.XXH3_128, ChecksumAlgorithm.SHA256), mode);
        TransferOutcome o = t.transfer(List.of(new TransferRequest(src, tmp.resolve("store/krios/movie.tiff"), tmp.resolve("store")))).get(0);
        assertThat(o.status()).as("%s", o.failure()).isEqualTo(TransferOutcome.Status.COPIED);
        assertThat(Files.size(o.destination())).isEqualTo(size);
        assertThat(sha256(o.destination())).isEqualTo(sha256(src)).isEqualTo(o.checksums().get(ChecksumAlgorithm.SHA256));
        assertThat(Files.getLastModifiedTime(o.destination())).isEqualTo(Files.getLastModifiedTime(src));
        try (var s = Files.list(o.destination().getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("movie.tiff");
        }
    }

    @Test
    void largeFilesCopiedFromManyThreadsShareTheBlocksWithoutMixingThem() throws Exception {
        Files.createDirectories(tmp.resolve("store"));
        FileTransferer t = new FileTransferer(Set.of(ChecksumAlgorithm.XXH3_128), VerifyMode.REREAD);
        List<Path> sources = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path p = tmp.resolve("src/m" + i + ".tiff");
            Files.move(source(FileTransferer.LARGE_FILE_BYTES + i * 777_777L), p);
            sources.add(p);
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(5);
        try {
            List<java.util.concurrent.Future<TransferOutcome>> futures = new java.util.ArrayList<>();
            for (Path p : sources) {
                futures.add(pool.submit(() -> t.transfer(List.of(new TransferRequest(p,
                        tmp.resolve("store/" + p.getFileName()), tmp.resolve("store")))).get(0)));
            }
            for (int i = 0; i < sources.size(); i++) {
                TransferOutcome o = futures.get(i).get();
                assertThat(o.status()).as("%s", o.failure()).isEqualTo(TransferOutcome.Status.COPIED);
                assertThat(sha256(o.destination())).isEqualTo(sha256(sources.get(i)));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theReadBackDigestsAreThoseOfTheBytesOnStorage() throws Exception {
        long size = 2L * DirectCopy.BLOCK_BYTES; // exactly aligned: no padded tail
        Path src = source(size);
        Path temp = tmp.resolve("dest.part");
        var out = DirectCopy.openTemp(temp);
        if (out.isEmpty()) {
            return; // this filesystem refuses O_DIRECT; the buffered path is tested in FileTransfererTest
        }
        DirectCopy.Result r;
        try (var in = java.nio.channels.FileChannel.open(src); var o = out.get()) {
            r = DirectCopy.copy(in, o, src, temp, Set.of(ChecksumAlgorithm.SHA256), FileTime.fromMillis(5_000), true,
                    DirectCopy.Blocks.reserve(true));
        }
        assertThat(r.bytes()).isEqualTo(size);
        assertThat(r.readBack()).isEqualTo(r.checksums());
        assertThat(r.readBack().get(ChecksumAlgorithm.SHA256)).isEqualTo(sha256(src));
        assertThat(Files.getLastModifiedTime(temp).toMillis()).isEqualTo(5_000);
    }

    @Test
    void aMemoryFilesystemWorksWhetherOrNotItAllowsDirectIo() throws Exception {
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm)) {
            return;
        }
        Path dir = Files.createTempDirectory(shm, "scopeflow-directcopy");
        try {
            Path src = source(FileTransferer.LARGE_FILE_BYTES + 1);
            Files.createDirectories(dir.resolve("store"));
            FileTransferer t = new FileTransferer(Set.of(ChecksumAlgorithm.XXH3_128), VerifyMode.REREAD);
            TransferOutcome o = t.transfer(List.of(new TransferRequest(src, dir.resolve("store/m.tiff"), dir.resolve("store")))).get(0);
            assertThat(o.status()).as("%s", o.failure()).isEqualTo(TransferOutcome.Status.COPIED);
            assertThat(sha256(o.destination())).isEqualTo(sha256(src));
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
