package org.scopeflow.ingest.transfer;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.scopeflow.ingest.ChecksumAlgorithm;

/**
 * Hashes a file, either through the page cache or from storage.
 *
 * <p>From storage: O_DIRECT ({@link ExtendedOpenOption#DIRECT}, aligned buffers), so the bytes come from
 * the device even when the page cache still holds what we wrote — the kernel writes back any cached
 * dirty range first and then reads the media. Where the filesystem refuses O_DIRECT (tmpfs, some FUSE
 * and network filesystems) it falls back to {@code posix_fadvise(DONTNEED)} after the fsync, then a
 * normal read: weaker (the kernel may keep pages it considers in use) but the best such filesystems
 * allow. {@link #lastMethod()} tells which one was used.
 *
 * <p>Threading: safe from any number of threads; re-read buffers come from a small shared pool.
 */
public final class FileHasher {
    /**
     * Chunk size for reads and writes through the page cache. Measured on this machine (1 GiB, cold
     * cache): 256 KiB chunks copy at 267 MiB/s, 2 MiB chunks at 61 MiB/s (large synchronous requests
     * defeat the kernel's read-ahead and hit dirty-page throttling in big steps).
     */
    static final int BUFFER_BYTES = 256 << 10;
    /** O_DIRECT reads bypass read-ahead: requests of 1 MiB keep the device busy. */
    static final int DIRECT_BUFFER_BYTES = 1 << 20;
    /** Files up to this size are re-read with one request into a small buffer. */
    static final int SMALL_FILE_BYTES = 128 << 10;
    /**
     * Buffers for re-reading, shared by all threads: verification runs on many threads at once (see
     * {@link FileTransferer}), and a pair per thread would cost the agent tens of MiB. Eight pairs of
     * 1 MiB; a ninth concurrent re-read of a larger file waits for one.
     */
    private static final Pool BUFFERS = new Pool(8, DIRECT_BUFFER_BYTES);
    /**
     * Small files are latency-bound: each re-read waits ~3 ms for the device, so as many may be in flight
     * as there are I/O threads (with only the eight large pairs, re-reads of 64 KiB files queued for
     * buffers and took more time than the copies). 32 pairs of 128 KiB = 8 MiB.
     */
    private static final Pool SMALL_BUFFERS = new Pool(32, SMALL_FILE_BYTES);
    private static final ThreadLocal<String> LAST_METHOD = ThreadLocal.withInitial(() -> "none");

    private record Buffers(byte[] heap, ByteBuffer direct, Pool home) {
        void release() {
            home.free.add(this);
        }
    }

    /**
     * Up to {@code max} buffer pairs, made when first needed (the off-heap part counts against the JVM's
     * direct memory limit, which by default is the heap size: allocated all at class initialisation, one
     * failure there broke every later verification). When no more can be made, a taker waits for one.
     */
    private static final class Pool {
        private final BlockingQueue<Buffers> free;
        private final int max;
        private final int bytes;
        private final java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();

        Pool(int max, int bytes) {
            this.free = new ArrayBlockingQueue<>(max);
            this.max = max;
            this.bytes = bytes;
        }

        Buffers take() throws IOException {
            OutOfMemoryError lastFailure = null;
            try {
                for (int wait = 0; ; wait++) {
                    Buffers b = free.poll();
                    if (b != null) {
                        return b;
                    }
                    if (made.incrementAndGet() <= max) {
                        try {
                            // exactly {@code bytes}: an already aligned allocation would otherwise give a slice larger than the heap array
                            return new Buffers(new byte[bytes], ByteBuffer.allocateDirect(bytes + 4096).alignedSlice(4096).limit(bytes).slice(), this);
                        } catch (OutOfMemoryError e) {
                            lastFailure = e; // others may free memory or a buffer: wait a little and try again
                        }
                    }
                    made.decrementAndGet();
                    if (lastFailure != null && wait >= 100) { // ~10 s without a buffer: fail this file (it is retried later)
                        throw new IOException("no memory for a " + (bytes >> 10) + " KiB re-read buffer (" + lastFailure.getMessage()
                                + "); give the agent more: SCOPEFLOW_JAVA_OPTS=\"-Xmx… or -XX:MaxDirectMemorySize=…\"", lastFailure);
                    }
                    b = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (b != null) {
                        return b;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for a re-read buffer");
            }
        }
    }

    private FileHasher() {}

    /** "o_direct", "fadvise" or "cached": how the calling thread's last {@link #fromStorage} read the file. */
    public static String lastMethod() {
        return LAST_METHOD.get();
    }

    /** Hashes {@code file} through the page cache, not following a symlink. */
    public static Map<ChecksumAlgorithm, String> cached(Path file, Set<ChecksumAlgorithm> algs) throws IOException {
        Buffers b = take(SMALL_BUFFERS);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            MultiHasher hasher = new MultiHasher(algs);
            ByteBuffer bb = ByteBuffer.wrap(b.heap());
            int n;
            while ((n = ch.read(bb.clear())) >= 0) {
                hasher.update(b.heap(), 0, n);
            }
            return hasher.digests();
        } finally {
            b.release();
        }
    }

    /** Hashes {@code file} as stored, bypassing the page cache (see the class comment). */
    public static Map<ChecksumAlgorithm, String> fromStorage(Path file, Set<ChecksumAlgorithm> algs) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            if (!Files.exists(file)) {
                throw e;
            }
            NativeIo.dropCachedPages(file);
            LAST_METHOD.set(NativeIo.available() ? "fadvise" : "cached");
            return cached(file, algs);
        }
        try (ch) {
            Buffers b = take(ch.size() <= SMALL_FILE_BYTES ? SMALL_BUFFERS : BUFFERS);
            try {
                LAST_METHOD.set("o_direct");
                return direct(ch, algs, b);
            } finally {
                b.release();
            }
        }
    }

    private static Buffers take(Pool pool) throws IOException {
        return pool.take();
    }

    private static Map<ChecksumAlgorithm, String> direct(FileChannel ch, Set<ChecksumAlgorithm> algs, Buffers b) throws IOException {
        ByteBuffer bb = b.direct();
        byte[] heap = b.heap();
        int first = ch.read(bb.clear(), 0);
        if (first < bb.capacity()) { // the whole file in one request: the common case of small files
            int n = Math.max(first, 0);
            bb.flip();
            bb.get(heap, 0, n);
            return MultiHasher.whole(algs, heap, 0, n);
        }
        MultiHasher hasher = new MultiHasher(algs);
        bb.flip();
        bb.get(heap, 0, first);
        hasher.update(heap, 0, first);
        long pos = first;
        while (true) {
            bb.clear();
            int n = ch.read(bb, pos);
            if (n <= 0) {
                break;
            }
            bb.flip();
            bb.get(heap, 0, n);
            hasher.update(heap, 0, n);
            pos += n;
            if (n < bb.capacity()) {
                break;
            }
        }
        return hasher.digests();
    }
}
