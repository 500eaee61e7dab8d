package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group-committed syncfs(2): the batches of all transfer threads that need a filesystem flushed share one
 * syncfs call instead of each fsyncing its files. A caller's request is covered by the first syncfs that
 * starts after the request was made (everything it wrote before asking is then on stable storage); callers
 * that arrive while a syncfs runs wait for it and are served together by the next one.
 *
 * <p>Why: one syncfs of a batch of small files costs about one fsync of one file, where per-file
 * fsyncs each wait for their own journal commit. The price is that a syncfs also flushes what others
 * wrote to the same filesystem; see {@link FileTransferer} for when it is used.
 *
 * <p>Threading: thread-safe; {@link #sync} blocks until the covering flush has finished.
 */
final class FilesystemSync {
    private static final Map<Object, FilesystemSync> BY_DEVICE = new ConcurrentHashMap<>();
    private final Path anyPath;
    private final Object lock = new Object();
    /** The flush that will cover requests made now; null when nobody is waiting for one. */
    private CompletableFuture<Void> pending;
    private boolean flushing;

    private FilesystemSync(Path anyPath) {
        this.anyPath = anyPath;
    }

    /** True when syncfs can be used here (Linux with libc reachable through JNA). */
    static boolean available() {
        return NativeIo.available();
    }

    /**
     * Makes everything written so far to the filesystems holding {@code dirs} durable (one flush each).
     *
     * @throws IOException when the flush covering this request failed, or a directory cannot be read
     * @throws IllegalStateException when {@link #available()} is false
     */
    static void sync(Collection<Path> dirs) throws IOException {
        if (!available()) {
            throw new IllegalStateException("syncfs is not available on this platform; check FilesystemSync.available() first");
        }
        Map<Object, Path> devices = new LinkedHashMap<>();
        for (Path dir : dirs) {
            devices.putIfAbsent(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS), dir);
        }
        for (Map.Entry<Object, Path> d : devices.entrySet()) {
            BY_DEVICE.computeIfAbsent(d.getKey(), k -> new FilesystemSync(d.getValue())).await();
        }
    }

    private void await() throws IOException {
        CompletableFuture<Void> mine;
        synchronized (lock) {
            if (pending == null) {
                pending = new CompletableFuture<>();
            }
            mine = pending;
            while (flushing && !mine.isDone()) {
                waitForFlush();
            }
            if (!mine.isDone()) {
                // lead: every request in "mine" was made before this point, so the syncfs below covers it
                flushing = true;
                pending = null;
            }
        }
        if (!mine.isDone()) {
            try {
                NativeIo.syncFilesystem(anyPath);
                mine.complete(null);
            } catch (IOException | RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                synchronized (lock) {
                    flushing = false;
                    lock.notifyAll();
                }
            }
        }
        try {
            mine.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new IOException(io.getMessage(), io);
            }
            throw e;
        }
    }

    private void waitForFlush() throws InterruptedIOException {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for syncfs of the filesystem of " + anyPath);
        }
    }
}
