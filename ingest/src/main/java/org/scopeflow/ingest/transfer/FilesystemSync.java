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
    private static final Map<Object, FilesystemSync> BY_DEVICE = new ConcurrentHashMap<>();
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
    private static final FilesystemSync NOT_SUPPORTED = new FilesystemSync(p -> {
        throw new IllegalStateException("syncfs is not used on this filesystem");
    });

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
        Map<FilesystemSync, Path> targets = new LinkedHashMap<>();
        for (Path dir : dirs) {
            Object device = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            FilesystemSync fs = BY_DEVICE.computeIfAbsent(device, k -> forFilesystemOf(dir));
            if (fs == NOT_SUPPORTED) {
                return false;
            }
            targets.putIfAbsent(fs, dir);
        }
        for (Map.Entry<FilesystemSync, Path> t : targets.entrySet()) {
            t.getKey().await(t.getValue());
        }
        return true;
    }

    private static FilesystemSync forFilesystemOf(Path dir) {
        try {
            return FLUSHING_TYPES.contains(Files.getFileStore(dir).type())
                    ? new FilesystemSync(NativeIo::syncFilesystem) : NOT_SUPPORTED;
        } catch (IOException e) {
            return NOT_SUPPORTED; // unknown filesystem: the per-file fsync path reports any real problem
        }
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

    private void waitForFlush(Path dir) throws InterruptedIOException {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for syncfs of the filesystem of " + dir);
        }
    }
}
