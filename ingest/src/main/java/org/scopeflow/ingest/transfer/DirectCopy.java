package org.scopeflow.ingest.transfer;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.scopeflow.ingest.ChecksumAlgorithm;

/**
 * The copy of a large file that bypasses the page cache on the destination side: the source is read
 * ahead on its own thread ({@link ReadAhead}), hashed, and written to the temporary file with O_DIRECT
 * in aligned 4 MiB blocks; when verification from storage is asked for, a second thread reads each
 * block back with O_DIRECT as soon as its write has returned and hashes what the device gives back.
 *
 * <p>Why: through the page cache a large copy stalls on dirty-page throttling and then pays a full
 * second pass to re-read the file from storage. Here the three streams (source read, direct write,
 * direct read-back) overlap, so a verified copy costs about what the disk needs to move the bytes; the
 * read-back is still independent of the page cache (the written bytes never entered it). The file is
 * fsync'd at the end, before the caller compares the two digests and renames it.
 *
 * <p>Where the destination filesystem refuses O_DIRECT (tmpfs, some FUSE and network filesystems),
 * {@link #openTemp} returns empty and the caller uses the buffered copy.
 */
final class DirectCopy {
    static final int ALIGN = 4096;
    static final int BLOCK_BYTES = 4 << 20;
    private static final ThreadLocal<ByteBuffer> WRITE_BUFFER = ThreadLocal.withInitial(DirectCopy::alignedBuffer);

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
     */
    static Result copy(FileChannel in, FileChannel out, Path source, Path temp, Set<ChecksumAlgorithm> algs,
                       java.nio.file.attribute.FileTime mtime, boolean readBack) throws TransferException {
        MultiHasher hasher = new MultiHasher(algs);
        ByteBuffer block = WRITE_BUFFER.get();
        long written = 0;
        try (ReadAhead ahead = new ReadAhead(in, FileHasher.BUFFER_BYTES);
             ReadBack back = readBack ? new ReadBack(temp, algs) : null) {
            block.clear();
            while (true) {
                ReadAhead.Chunk c = ahead.next();
                if (c.failure() != null) {
                    throw TransferException.of(c.failure(), source, true);
                }
                if (c.end()) {
                    break;
                }
                hasher.update(c.bytes(), 0, c.length());
                int off = 0;
                while (off < c.length()) {
                    int n = Math.min(block.remaining(), c.length() - off);
                    block.put(c.bytes(), off, n);
                    off += n;
                    if (!block.hasRemaining()) {
                        written = writeBlock(out, block, written, temp, back);
                    }
                }
                ahead.recycle(c.bytes());
            }
            long total = written + block.position();
            if (block.position() > 0) {
                int valid = block.position();
                int padded = (valid + ALIGN - 1) / ALIGN * ALIGN;
                while (block.position() < padded) {
                    block.put((byte) 0);
                }
                writeBlock(out, block, written, temp, null);
                if (back != null) {
                    back.submit(written, valid);
                }
            }
            try {
                out.truncate(total);
            } catch (IOException e) {
                throw TransferException.of(e, temp, false);
            }
            CopyStep.setMtime(temp, mtime); // before the fsync, which then covers data, size and the kept mtime
            CopyStep.force(out, temp);
            return new Result(total, hasher.digests(), back == null ? null : back.finish());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Reason.IO_ERROR, source + ": interrupted while copying", e);
        }
    }

    private static long writeBlock(FileChannel out, ByteBuffer block, long position, Path temp, ReadBack back)
            throws TransferException, InterruptedException {
        block.flip();
        int length = block.remaining();
        long pos = position;
        try {
            while (block.hasRemaining()) {
                pos += out.write(block, pos);
            }
        } catch (IOException e) {
            throw TransferException.of(e, temp, false);
        }
        block.clear();
        if (back != null) {
            back.submit(position, length);
        }
        return position + length;
    }

    private static ByteBuffer alignedBuffer() {
        return ByteBuffer.allocateDirect(BLOCK_BYTES + ALIGN).alignedSlice(ALIGN);
    }

    /** Reads written blocks back with O_DIRECT on its own thread, in order, hashing them. */
    private static final class ReadBack implements AutoCloseable {
        private record Range(long position, int length) {}

        private static final Range END = new Range(-1, 0);
        private final BlockingQueue<Range> ranges = new ArrayBlockingQueue<>(64);
        private final MultiHasher hasher;
        private final Path temp;
        private final FileChannel channel;
        private final Thread thread;
        private volatile IOException failure;
        private volatile Map<ChecksumAlgorithm, String> digests;

        ReadBack(Path temp, Set<ChecksumAlgorithm> algs) throws TransferException {
            this.temp = temp;
            this.hasher = new MultiHasher(algs);
            try {
                this.channel = FileChannel.open(temp, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
            } catch (IOException e) {
                throw TransferException.of(e, temp, false);
            }
            thread = new Thread(this::run, "read-back");
            thread.setDaemon(true);
            thread.start();
        }

        void submit(long position, int length) throws InterruptedException, TransferException {
            if (failure != null) {
                throw TransferException.of(failure, temp, false);
            }
            ranges.put(new Range(position, length));
        }

        private void run() {
            ByteBuffer buf = alignedBuffer();
            byte[] heap = new byte[BLOCK_BYTES];
            try {
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
                    buf.flip();
                    buf.get(heap, 0, got);
                    hasher.update(heap, 0, got);
                }
                digests = hasher.digests();
            } catch (IOException e) {
                failure = e;
                ranges.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                channel.close();
            } catch (IOException e) {
                // read-only channel: nothing to lose
            }
        }
    }
}
