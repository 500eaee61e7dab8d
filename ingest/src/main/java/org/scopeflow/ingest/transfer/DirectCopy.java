package org.scopeflow.ingest.transfer;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.scopeflow.ingest.ChecksumAlgorithm;

/**
 * The copy of a large file that bypasses the page cache on the destination side, as three threads
 * working on different blocks at once:
 * <ol>
 *   <li>the source reader reads the next block into an aligned direct buffer and hashes it;</li>
 *   <li>the calling thread writes each block to the temporary file with O_DIRECT, straight from that buffer;</li>
 *   <li>when verification from storage is asked for, the read-back thread reads each block again with
 *       O_DIRECT as soon as its write has returned and hashes what the device gives back.</li>
 * </ol>
 *
 * <p>Why: through the page cache a large copy stalls on dirty-page throttling and then pays a full
 * second pass to re-read the file from storage. Here the source read, the direct write and the direct
 * read-back overlap, and the writer does nothing but write (hashing on the writer thread left the
 * device idle ~20 % of the time). The read-back is independent of the page cache: the written bytes
 * never entered it. The file is fsync'd at the end, before the caller compares the digests and renames it.
 *
 * <p>Memory: blocks come from a small shared pool ({@link #POOLED_BLOCKS} × {@link #BLOCK_BYTES},
 * off-heap); hashing copies 256 KiB at a time to the heap. Where the destination filesystem refuses
 * O_DIRECT (tmpfs, some FUSE and network filesystems), {@link #openTemp} returns empty and the caller
 * uses the buffered copy.
 */
final class DirectCopy {
    static final int ALIGN = 4096;
    /**
     * Measured here (4 × 1 GiB, page-cached source, one large file at a time, machine under load, two
     * runs each): 8 MiB blocks 5.6–6.4 s, 4 MiB blocks 7.7–9.1 s.
     */
    static final int BLOCK_BYTES = 8 << 20;
    /** Source blocks per copy: one being read, one ready, one being written; plus one for the read-back. */
    private static final int BLOCKS_PER_COPY = 3;
    /** Enough for the {@link FileTransferer#LARGE_FILE_LANES} copies at once: 8 × 8 MiB off-heap. */
    private static final int POOLED_BLOCKS = 8;
    private static final BlockingQueue<ByteBuffer> POOL = new ArrayBlockingQueue<>(POOLED_BLOCKS);
    private static final int HASH_SLICE = 256 << 10;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DirectCopy.class);
    private static final java.util.concurrent.atomic.AtomicBoolean LOW_MEMORY_REPORTED = new java.util.concurrent.atomic.AtomicBoolean();

    /** @param readBack digests of the bytes read back from storage, or null when no read-back was asked for */
    record Result(long bytes, Map<ChecksumAlgorithm, String> checksums, Map<ChecksumAlgorithm, String> readBack) {}

    private DirectCopy() {}

    /** The temporary file opened for direct writes, or empty when the filesystem refuses O_DIRECT. */
    static Optional<FileChannel> openTemp(Path temp) throws TransferException {
        try {
            return Optional.of(FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS, ExtendedOpenOption.DIRECT));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("Invalid argument")) {
                FileTransferer.deleteQuietly(temp);
                return Optional.empty();
            }
            throw TransferException.of(e, temp, false);
        }
    }

    /**
     * Copies {@code in} to {@code out} (opened by {@link #openTemp}), truncates to the exact size, sets
     * {@code mtime} and fsyncs; with {@code readBack} also hashes every block as re-read from storage.
     * {@code blocks} come from {@link Blocks#reserve} with the same {@code readBack}; they go back to it
     * (after a failure a block may be left to the garbage collector).
     */
    static Result copy(FileChannel in, FileChannel out, Path source, Path temp, Set<ChecksumAlgorithm> algs,
                       FileTime mtime, boolean readBack, Blocks blocks) throws TransferException {
        long written = 0;
        try (SourceReader reader = new SourceReader(in, source, algs, blocks);
             ReadBack back = readBack ? new ReadBack(temp, algs, blocks) : null) {
            for (ByteBuffer block = reader.next(); block != null; block = reader.next()) {
                int valid = block.remaining();
                if (valid % ALIGN != 0) { // the last block: pad to the alignment, truncated below
                    int padded = (valid + ALIGN - 1) / ALIGN * ALIGN;
                    block.limit(padded);
                    for (int i = valid; i < padded; i++) {
                        block.put(i, (byte) 0);
                    }
                }
                write(out, block, written, temp);
                if (back != null) {
                    back.submit(written, valid);
                }
                written += valid;
                reader.recycle(block);
            }
            try {
                out.truncate(written);
            } catch (IOException e) {
                throw TransferException.of(e, temp, false);
            }
            CopyStep.setMtime(temp, mtime); // before the fsync, which then covers data, size and the kept mtime
            CopyStep.force(out, temp);
            return new Result(written, reader.digests(), back == null ? null : back.finish());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Reason.IO_ERROR, source + ": interrupted while copying", e);
        }
    }

    private static void write(FileChannel out, ByteBuffer block, long position, Path temp) throws TransferException {
        long pos = position;
        try {
            while (block.hasRemaining()) {
                pos += out.write(block, pos);
            }
        } catch (IOException e) {
            throw TransferException.of(e, temp, false);
        }
    }

    /**
     * The off-heap blocks one copy needs, taken from the shared pool or allocated, handed back on close.
     * {@link #reserve} returns null when the JVM's direct memory limit (-XX:MaxDirectMemorySize, by
     * default the heap size) cannot hold them: the caller then copies through the page cache.
     */
    static final class Blocks implements AutoCloseable {
        private final java.util.ArrayDeque<ByteBuffer> free = new java.util.ArrayDeque<>();

        static Blocks reserve(boolean readBack) {
            Blocks b = new Blocks();
            int need = BLOCKS_PER_COPY + (readBack ? 1 : 0);
            try {
                while (b.free.size() < need) {
                    ByteBuffer x = POOL.poll();
                    b.free.add(x != null ? x : ByteBuffer.allocateDirect(BLOCK_BYTES + ALIGN).alignedSlice(ALIGN).limit(BLOCK_BYTES).slice());
                }
                return b;
            } catch (OutOfMemoryError e) {
                b.free.clear(); // not pooled: the memory goes back to the limit when the collector frees them
                if (!LOW_MEMORY_REPORTED.getAndSet(true)) {
                    LOG.warn("large files are copied through the page cache (slower): the JVM's direct memory limit cannot hold "
                            + "{} MiB of copy blocks ({}); raise -XX:MaxDirectMemorySize or -Xmx in SCOPEFLOW_JAVA_OPTS",
                            need * (BLOCK_BYTES >> 20), e.getMessage());
                }
                return null;
            }
        }

        ByteBuffer take() {
            return free.pop().clear();
        }

        void give(ByteBuffer b) {
            free.push(b);
        }

        @Override
        public void close() {
            for (ByteBuffer x; (x = free.poll()) != null; ) {
                POOL.offer(x); // a full pool drops it: the GC frees it
            }
        }
    }

    /** Feeds {@code block}'s remaining bytes to {@code hasher} through a small heap slice, leaving its position. */
    private static void hash(MultiHasher hasher, ByteBuffer block, byte[] slice) {
        ByteBuffer view = block.duplicate();
        while (view.hasRemaining()) {
            int n = Math.min(slice.length, view.remaining());
            view.get(slice, 0, n);
            hasher.update(slice, 0, n);
        }
    }

    /** A worker thread with a bounded queue of work and a slot for its first failure. */
    private abstract static class Stage implements AutoCloseable {
        final Thread thread;
        volatile IOException failure;

        Stage(String name) {
            thread = new Thread(this::runGuarded, name);
            thread.setDaemon(true);
        }

        abstract void run() throws IOException, InterruptedException;

        private void runGuarded() {
            try {
                run();
            } catch (IOException e) {
                failure = e;
                failed();
            } catch (RuntimeException | Error e) {
                // e.g. no direct memory for a temporary buffer: the copy fails and is retried, nobody waits forever
                failure = new IOException(e.toString(), e);
                failed();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Called on the worker after a failure, to wake whoever waits on it. */
        abstract void failed();

        @Override
        public void close() {
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Reads the source into pooled aligned blocks, in order, hashing each as it arrives. */
    private static final class SourceReader extends Stage {
        private static final ByteBuffer END = ByteBuffer.allocate(0);
        private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BLOCKS_PER_COPY + 1);
        private final BlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(BLOCKS_PER_COPY);
        private final FileChannel in;
        private final Path source;
        private final MultiHasher hasher;
        private final Blocks blocks;
        private volatile Map<ChecksumAlgorithm, String> digests;

        SourceReader(FileChannel in, Path source, Set<ChecksumAlgorithm> algs, Blocks blocks) {
            super("read-source");
            this.in = in;
            this.source = source;
            this.hasher = new MultiHasher(algs);
            this.blocks = blocks;
            for (int i = 0; i < BLOCKS_PER_COPY; i++) {
                empty.add(blocks.take());
            }
            thread.start();
        }

        @Override
        void run() throws IOException, InterruptedException {
            byte[] slice = new byte[HASH_SLICE];
            while (true) {
                ByteBuffer block = empty.take().clear();
                while (block.hasRemaining() && in.read(block) >= 0) {
                    // a short read before the end is followed by more
                }
                block.flip();
                if (!block.hasRemaining()) {
                    empty.add(block);
                    digests = hasher.digests();
                    full.put(END);
                    return;
                }
                hash(hasher, block, slice);
                boolean last = block.limit() < block.capacity();
                full.put(block);
                if (last) {
                    digests = hasher.digests();
                    full.put(END);
                    return;
                }
            }
        }

        @Override
        void failed() {
            full.offer(END);
        }

        /** The next block (position 0, limit = valid bytes), or null at the end of the source. */
        ByteBuffer next() throws InterruptedException, TransferException {
            ByteBuffer b = full.take();
            if (failure != null) {
                throw TransferException.of(failure, source, true);
            }
            return b == END ? null : b;
        }

        void recycle(ByteBuffer block) {
            empty.add(block.clear());
        }

        Map<ChecksumAlgorithm, String> digests() {
            return digests;
        }

        @Override
        public void close() {
            super.close();
            if (thread.isAlive()) {
                return; // interrupted but not stopped: its blocks stay with it
            }
            ByteBuffer b;
            while ((b = empty.poll()) != null) {
                blocks.give(b);
            }
            while ((b = full.poll()) != null) {
                if (b != END) {
                    blocks.give(b);
                }
            }
        }
    }

    /** Reads written blocks back with O_DIRECT on its own thread, in order, hashing them. */
    private static final class ReadBack extends Stage {
        private record Range(long position, int length) {}

        private static final Range END = new Range(-1, 0);
        private final BlockingQueue<Range> ranges = new ArrayBlockingQueue<>(64);
        private final MultiHasher hasher;
        private final Path temp;
        private final FileChannel channel;
        private final Blocks blocks;
        private final ByteBuffer buf;
        private volatile Map<ChecksumAlgorithm, String> digests;

        ReadBack(Path temp, Set<ChecksumAlgorithm> algs, Blocks blocks) throws TransferException {
            super("read-back");
            this.temp = temp;
            this.hasher = new MultiHasher(algs);
            this.blocks = blocks;
            this.buf = blocks.take();
            try {
                this.channel = FileChannel.open(temp, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
            } catch (IOException e) {
                blocks.give(buf);
                throw TransferException.of(e, temp, false);
            }
            thread.start();
        }

        void submit(long position, int length) throws InterruptedException, TransferException {
            if (failure != null) {
                throw TransferException.of(failure, temp, false);
            }
            ranges.put(new Range(position, length));
        }

        @Override
        void run() throws IOException, InterruptedException {
            byte[] slice = new byte[HASH_SLICE];
            for (Range r = ranges.take(); r != END; r = ranges.take()) {
                int padded = (r.length() + ALIGN - 1) / ALIGN * ALIGN;
                buf.clear().limit(padded);
                long pos = r.position();
                // the tail block may already be truncated to the exact size: stop once the valid bytes are in
                while (buf.hasRemaining() && pos - r.position() < r.length()) {
                    int n = channel.read(buf, pos);
                    if (n <= 0) {
                        break;
                    }
                    pos += n;
                }
                int got = Math.min(buf.position(), r.length());
                if (got < r.length()) {
                    throw new IOException("read back " + got + " of " + r.length() + " bytes at offset " + r.position());
                }
                buf.flip().limit(got);
                hash(hasher, buf, slice);
            }
            digests = hasher.digests();
        }

        @Override
        void failed() {
            ranges.clear();
        }

        Map<ChecksumAlgorithm, String> finish() throws TransferException, InterruptedException {
            ranges.put(END);
            thread.join();
            if (failure != null) {
                throw TransferException.of(failure, temp, false);
            }
            return digests;
        }

        @Override
        public void close() {
            super.close();
            try {
                channel.close();
            } catch (IOException e) {
                // read-only channel: nothing to lose
            }
            if (!thread.isAlive()) {
                blocks.give(buf);
            }
        }
    }
}
