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
 * <p>Threading: buffers are per thread; instances are stateless otherwise.
 */
public final class FileHasher {
    static final int BUFFER_BYTES = 8 << 20;
    private static final ThreadLocal<byte[]> HEAP = ThreadLocal.withInitial(() -> new byte[BUFFER_BYTES]);
    private static final ThreadLocal<ByteBuffer> DIRECT = ThreadLocal.withInitial(() ->
            ByteBuffer.allocateDirect(BUFFER_BYTES + 4096).alignedSlice(4096));
    private static final ThreadLocal<String> LAST_METHOD = ThreadLocal.withInitial(() -> "none");

    private FileHasher() {}

    /** "o_direct", "fadvise" or "cached": how the calling thread's last {@link #fromStorage} read the file. */
    public static String lastMethod() {
        return LAST_METHOD.get();
    }

    /** Hashes {@code file} through the page cache, not following a symlink. */
    public static Map<ChecksumAlgorithm, String> cached(Path file, Set<ChecksumAlgorithm> algs) throws IOException {
        MultiHasher hasher = new MultiHasher(algs);
        byte[] buf = HEAP.get();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bb = ByteBuffer.wrap(buf);
            int n;
            while ((n = ch.read(bb.clear())) >= 0) {
                hasher.update(buf, 0, n);
            }
        }
        return hasher.digests();
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
            LAST_METHOD.set("o_direct");
            return direct(ch, algs);
        }
    }

    private static Map<ChecksumAlgorithm, String> direct(FileChannel ch, Set<ChecksumAlgorithm> algs) throws IOException {
        MultiHasher hasher = new MultiHasher(algs);
        ByteBuffer bb = DIRECT.get();
        byte[] heap = HEAP.get();
        long pos = 0;
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
