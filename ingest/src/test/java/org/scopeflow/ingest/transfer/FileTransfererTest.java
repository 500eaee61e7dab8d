package org.scopeflow.ingest.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.VerifyMode;

class FileTransfererTest {
    @TempDir
    Path tmp;
    private final FileTransferer transferer = new FileTransferer(Set.of(ChecksumAlgorithm.XXH3_128, ChecksumAlgorithm.SHA256), VerifyMode.REREAD);

    private Path write(String rel, int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        Path p = tmp.resolve("src").resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, b);
        Files.setLastModifiedTime(p, FileTime.fromMillis(1_700_000_000_000L + seed));
        return p;
    }

    private TransferRequest req(Path src, String rel) throws Exception {
        Files.createDirectories(tmp.resolve("store"));
        return new TransferRequest(src, tmp.resolve("store/krios/" + rel), tmp.resolve("store"));
    }

    @Test
    void copiesVerifiedKeepsMtimeAndMatchesSha256OfSource() throws Exception {
        Path a = write("a b/ünï code\nline.tiff", 3_000_000, 1);
        Path empty = write("empty.mrc", 0, 2);
        List<TransferOutcome> out = transferer.transfer(List.of(req(a, "a b/ünï code\nline.tiff"), req(empty, "empty.mrc")));
        assertThat(out).allSatisfy(o -> assertThat(o.status()).isEqualTo(TransferOutcome.Status.COPIED));
        Path dest = out.get(0).destination();
        assertThat(Files.readAllBytes(dest)).isEqualTo(Files.readAllBytes(a));
        assertThat(Files.getLastModifiedTime(dest)).isEqualTo(Files.getLastModifiedTime(a));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(a)));
        assertThat(out.get(0).checksums().get(ChecksumAlgorithm.SHA256)).isEqualTo(sha);
        assertThat(Files.size(out.get(1).destination())).isZero();
        try (var s = Files.list(dest.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".sf-part"));
        }
    }

    @Test
    void identicalAtDestinationIsRecordedNotCopiedAndDifferentGetsAVersion() throws Exception {
        Path a = write("x.tiff", 100_000, 3);
        TransferOutcome first = transferer.transfer(List.of(req(a, "x.tiff"))).get(0);
        FileTime landed = Files.getLastModifiedTime(first.destination());
        TransferOutcome again = transferer.transfer(List.of(req(a, "x.tiff"))).get(0);
        assertThat(again.status()).isEqualTo(TransferOutcome.Status.IDENTICAL);
        assertThat(again.version()).isEqualTo(1);
        write("x.tiff", 100_000, 4);
        TransferOutcome changed = transferer.transfer(List.of(req(a, "x.tiff"))).get(0);
        assertThat(changed.status()).isEqualTo(TransferOutcome.Status.COPIED);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.destination().getFileName().toString()).isEqualTo("x.v2.tiff");
        assertThat(Files.getLastModifiedTime(first.destination())).isEqualTo(landed);
        assertThat(Files.readAllBytes(changed.destination())).isEqualTo(Files.readAllBytes(a));
    }

    @Test
    void missingStorageRootMeansUnmountedAndNothingIsCreated() throws Exception {
        Path a = write("y.tiff", 10, 5);
        TransferRequest r = new TransferRequest(a, tmp.resolve("gone/krios/y.tiff"), tmp.resolve("gone"));
        TransferOutcome o = transferer.transfer(List.of(r)).get(0);
        assertThat(o.status()).isEqualTo(TransferOutcome.Status.FAILED);
        assertThat(o.failure().reason()).isEqualTo(TransferException.Reason.DESTINATION_UNMOUNTED);
        assertThat(o.failure().retryable()).isTrue();
        assertThat(tmp.resolve("gone")).doesNotExist();
    }

    @Test
    void vanishedSourceIsReportedNotRetried() throws Exception {
        TransferOutcome o = transferer.transfer(List.of(req(tmp.resolve("src/none.tiff"), "none.tiff"))).get(0);
        assertThat(o.failure().reason()).isEqualTo(TransferException.Reason.SOURCE_VANISHED);
        assertThat(o.failure().retryable()).isFalse();
        assertThat(o.failure().getMessage()).contains("none.tiff");
    }

    @Test
    void symlinkSourceIsNotFollowed() throws Exception {
        Path target = write("real.tiff", 10, 6);
        Path link = tmp.resolve("src/link.tiff");
        Files.createSymbolicLink(link, target);
        TransferOutcome o = transferer.transfer(List.of(req(link, "link.tiff"))).get(0);
        assertThat(o.status()).isEqualTo(TransferOutcome.Status.FAILED);
    }

    @Test
    void verifiesFromStorageWithODirectOnThisDisk() throws Exception {
        Path a = write("d.tiff", 5_000_000, 7);
        TransferOutcome o = transferer.transfer(List.of(req(a, "d.tiff"))).get(0);
        assertThat(o.status()).isEqualTo(TransferOutcome.Status.COPIED);
        assertThat(FileHasher.fromStorage(o.destination(), Set.of(ChecksumAlgorithm.XXH3_128)))
                .containsEntry(ChecksumAlgorithm.XXH3_128, o.checksums().get(ChecksumAlgorithm.XXH3_128));
        assertThat(FileHasher.lastMethod()).isIn("o_direct", "fadvise");
    }

    @Test
    void aLargeBatchOfSmallFilesIsCopiedInOrderWithOneFailureKeptToItsFile() throws Exception {
        int files = DurabilityStep.SYNCFS_MIN_FILES + 8;
        List<TransferRequest> batch = new java.util.ArrayList<>();
        for (int i = 0; i < files; i++) {
            String rel = "sq" + (i % 3) + "/f" + i + ".tiff";
            batch.add(req(write(rel, 65_536 + i, 100 + i), rel));
        }
        Files.delete(batch.get(7).source());
        List<TransferOutcome> out = transferer.transfer(batch);
        assertThat(out).hasSize(files);
        for (int i = 0; i < files; i++) {
            TransferOutcome o = out.get(i);
            assertThat(o.request()).isSameAs(batch.get(i));
            if (i == 7) {
                assertThat(o.status()).isEqualTo(TransferOutcome.Status.FAILED);
                assertThat(o.failure().reason()).isEqualTo(TransferException.Reason.SOURCE_VANISHED);
                assertThat(batch.get(i).destination()).doesNotExist();
                continue;
            }
            assertThat(o.status()).as("file %d", i).isEqualTo(TransferOutcome.Status.COPIED);
            assertThat(Files.readAllBytes(o.destination())).as("file %d", i).isEqualTo(Files.readAllBytes(batch.get(i).source()));
            assertThat(Files.getLastModifiedTime(o.destination())).isEqualTo(Files.getLastModifiedTime(batch.get(i).source()));
        }
        try (var s = Files.walk(tmp.resolve("store"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".sf-part"));
        }
    }

    @Test
    void twoSourcesForOneDestinationInABatchNeverShareATemporaryFile() throws Exception {
        Path a = write("left/frame.tiff", 200_000, 21);
        Path b = write("right/frame.tiff", 200_000, 22);
        List<TransferOutcome> first = transferer.transfer(List.of(req(a, "frame.tiff"), req(b, "frame.tiff")));
        assertThat(first.get(0).status()).isEqualTo(TransferOutcome.Status.COPIED);
        assertThat(first.get(1).status()).isEqualTo(TransferOutcome.Status.FAILED);
        assertThat(first.get(1).failure().reason()).isEqualTo(TransferException.Reason.DESTINATION_BUSY);
        assertThat(first.get(1).failure().retryable()).isTrue();
        assertThat(Files.readAllBytes(first.get(0).destination())).isEqualTo(Files.readAllBytes(a));
        TransferOutcome retried = transferer.transfer(List.of(req(b, "frame.tiff"))).get(0);
        assertThat(retried.status()).isEqualTo(TransferOutcome.Status.COPIED);
        assertThat(retried.version()).isEqualTo(2);
        assertThat(Files.readAllBytes(retried.destination())).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(first.get(0).destination())).as("the first is never overwritten").isEqualTo(Files.readAllBytes(a));
    }
}
