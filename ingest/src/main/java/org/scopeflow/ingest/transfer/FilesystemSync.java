package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Group-committed syncfs(2): the batches of all transfer threads that need a filesystem flushed share one
 * syncfs call instead of each fsyncing its files. A caller's request is covered by the first syncfs that
 * starts after the request was made (everything it wrote before asking is then on stable storage); callers
 * that arrive while a syncfs runs wait for it and are served together by the next one.
 *
 * <p>Why: a batch of small files then needs one flush, where per-file fsyncs each wait for a journal
 * commit (measured in {@link DurabilityStep#SYNCFS_MIN_FILES}). The price is that a syncfs also flushes
 * what others wrote to the same filesystem; {@link DurabilityStep} says when it is used.
 *
 * <p>Threading: thread-safe; {@link #sync} blocks until the covering flush has finished.
 */
final class FilesystemSync {
    /** One per filesystem ("device type"); the few mounts an agent writes to, never removed. */
    private static final Map<String, FilesystemSync> BY_FILESYSTEM = new ConcurrentHashMap<>();
    private final Flusher flusher;
    private final Object lock = new Object();
    /** The flush that will cover requests made now; null when nobody is waiting for one. */
    private CompletableFuture<Void> pending;
    private boolean flushing;

    /** The flush itself: syncfs in production; tests count or block it. */
    interface Flusher {
        void flush(Path anyPathOnTheFilesystem) throws IOException;
    }

    FilesystemSync(Flusher flusher) {
        this.flusher = flusher;
    }

    /**
     * Filesystems whose syncfs is a full flush of data and metadata to the device. Elsewhere (FUSE,
     * network and overlay filesystems) syncfs may only hand the data to a daemon or server without the
     * commit an fsync asks for, so files are fsync'd one by one there.
     */
    private static final Set<String> FLUSHING_TYPES = Set.of("ext4", "ext3", "xfs", "btrfs", "f2fs");

    /**
     * Makes everything written so far to the filesystems holding {@code dirs} durable (one flush each),
     * if each of them is flushed properly by syncfs.
     *
     * @return false, having flushed nothing, when syncfs is unavailable here or one of the filesystems is
     *         not a local one it flushes completely (the caller then fsyncs file by file)
     * @throws IOException when the flush covering this request failed, or a directory cannot be read
     */
    static boolean sync(Collection<Path> dirs) throws IOException {
        if (!NativeIo.available()) {
            return false;
        }
        Map<Object, Path> byDevice = new LinkedHashMap<>();
        for (Path dir : dirs) {
            byDevice.putIfAbsent(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS), dir);
        }
        Map<FilesystemSync, Path> targets = new LinkedHashMap<>();
        for (Map.Entry<Object, Path> d : byDevice.entrySet()) {
            // the type is looked up for every batch: a device number can be reused by a later mount (a
            // FUSE filesystem after a btrfs one), which must not inherit the earlier one's decision
            String type = Files.getFileStore(d.getValue()).type();
            if (!FLUSHING_TYPES.contains(type)) {
                return false;
            }
            targets.put(BY_FILESYSTEM.computeIfAbsent(d.getKey() + " " + type, k -> new FilesystemSync(NativeIo::syncFilesystem)),
                    d.getValue());
        }
        for (Map.Entry<FilesystemSync, Path> t : targets.entrySet()) {
            t.getKey().await(t.getValue());
        }
        return true;
    }

    /**
     * Returns once a flush that started after this call has finished; throws that flush's failure.
     * {@code dir}: an existing path on this filesystem, opened for the flush if this caller runs it.
     */
    void await(Path dir) throws IOException {
        CompletableFuture<Void> mine;
        synchronized (lock) {
            if (pending == null) {
                pending = new CompletableFuture<>();
            }
            mine = pending;
            while (flushing && !mine.isDone()) {
                waitForFlush(dir);
            }
            if (!mine.isDone()) {
                // lead: every request in "mine" was made before this point, so the syncfs below covers it
                flushing = true;
                pending = null;
            }
        }
        if (!mine.isDone()) {
            try {
                flusher.flush(dir);
                mine.complete(null);
            } catch (IOException | RuntimeException | Error e) {
                mine.completeExceptionally(e); // every caller it covered, this one included, sees the failure
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

    private void waitForFlush(Path dir) throws InterruptedIOException {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for syncfs of the filesystem of " + dir);
        }
    }
}
