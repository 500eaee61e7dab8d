package org.scopeflow.ingest.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemSyncTest {
    private final ExecutorService threads = Executors.newFixedThreadPool(12);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A flusher whose first flush blocks until released, so that callers pile up behind it. */
    private static final class GatedFlusher implements FilesystemSync.Flusher {
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        final AtomicInteger flushes = new AtomicInteger();
        volatile IOException failSecond;

        @Override
        public void flush(Path any) throws IOException {
            int n = flushes.incrementAndGet();
            if (n == 1) {
                firstStarted.countDown();
                try {
                    releaseFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (n == 2 && failSecond != null) {
                throw failSecond;
            }
        }
    }

    private List<CompletableFuture<Void>> callers(FilesystemSync sync, int n) {
        List<CompletableFuture<Void>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(CompletableFuture.runAsync(() -> {
                try {
                    sync.await(Path.of("/"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, threads));
        }
        return out;
    }

    @Test
    void callersArrivingDuringAFlushShareTheNextOne() throws Exception {
        GatedFlusher flusher = new GatedFlusher();
        FilesystemSync sync = new FilesystemSync(flusher);
        CompletableFuture<Void> first = callers(sync, 1).get(0);
        assertThat(flusher.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> waiting = callers(sync, 10);
        Thread.sleep(200); // let them queue behind the running flush (a shorter wait only weakens the check)
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        flusher.releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        // not covered by the first flush (it started before they asked), all covered by one more
        assertThat(flusher.flushes.get()).isEqualTo(2);
    }

    @Test
    void aFailedFlushFailsExactlyTheCallersItCovered() throws Exception {
        GatedFlusher flusher = new GatedFlusher();
        flusher.failSecond = new IOException("EIO (input/output error)");
        FilesystemSync sync = new FilesystemSync(flusher);
        CompletableFuture<Void> first = callers(sync, 1).get(0);
        assertThat(flusher.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> covered = callers(sync, 3);
        Thread.sleep(200);
        flusher.releaseFirst.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Void> c : covered) {
            assertThatThrownBy(() -> c.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("EIO (input/output error)");
        }
        callers(sync, 1).get(0).get(10, TimeUnit.SECONDS); // the next caller gets a fresh, successful flush
        assertThat(flusher.flushes.get()).isEqualTo(3);
    }

    @Test
    void syncfsIsUsedOnLocalDiskFilesystemsOnly(@TempDir Path tmp) throws Exception {
        String type = java.nio.file.Files.getFileStore(tmp).type();
        boolean expected = NativeIo.available() && java.util.Set.of("ext4", "ext3", "xfs", "btrfs", "f2fs").contains(type);
        assertThat(FilesystemSync.sync(List.of(tmp, tmp.resolve(".")))).as("filesystem type %s", type).isEqualTo(expected);
        Path shm = Path.of("/dev/shm");
        if (java.nio.file.Files.isDirectory(shm)) {
            assertThat(FilesystemSync.sync(List.of(shm))).as("tmpfs").isFalse();
        }
    }
}
