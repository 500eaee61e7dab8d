package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scopeflow.ingest.ChecksumAlgorithm;
import org.scopeflow.ingest.VerifyMode;

/** Reads the source once, hashing each chunk and writing it to the temporary file. */
final class CopyStep {
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[FileHasher.BUFFER_BYTES]);

    /**
     * @param bytes bytes copied; @param checksums of those bytes; @param synced whether the temp was fsync'd;
     * @param readBack digests of the bytes as re-read from storage during the copy, or null (verify later)
     */
    record Result(long bytes, Map<ChecksumAlgorithm, String> checksums, boolean synced, Map<ChecksumAlgorithm, String> readBack) {}

    private CopyStep() {}

    /**
     * Copies {@code source} to {@code temp}. With REREAD and NONE, large files go through {@link DirectCopy}
     * where the destination allows O_DIRECT (with REREAD their read-back happens during the copy):
     * measured here, 4 × 1 GiB with {@code --verify none} copy at 1.2–1.4 GiB/s with direct writes and
     * 0.3–0.8 GiB/s through the page cache + fsync. CACHED keeps the buffered copy, whose re-read is
     * meant to come from the page cache.
     */
    static Result copy(Path source, Path temp, Set<ChecksumAlgorithm> algs, java.nio.file.attribute.FileTime mtime,
                       long sizeBytes, VerifyMode verify) throws TransferException {
        FileChannel in;
        try {
            in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw TransferException.of(e, source, true);
        }
        if (sizeBytes >= FileTransferer.LARGE_FILE_BYTES && verify != VerifyMode.CACHED) {
            Optional<Result> direct = direct(in, source, temp, algs, mtime, verify == VerifyMode.REREAD);
            if (direct.isPresent()) {
                return direct.get();
            }
        }
        return removingTempOnFailure(temp, () -> {
            try (in; FileChannel out = openTemp(temp)) {
                return buffered(in, out, source, temp, algs, mtime, sizeBytes);
            }
        });
    }

    /**
     * The copy through {@link DirectCopy}, or empty when this JVM cannot spare its blocks or the
     * destination refuses O_DIRECT; {@code in} is then still open for the buffered copy.
     */
    private static Optional<Result> direct(FileChannel in, Path source, Path temp, Set<ChecksumAlgorithm> algs,
                                           java.nio.file.attribute.FileTime mtime, boolean readBack) throws TransferException {
        try (DirectCopy.Blocks blocks = DirectCopy.Blocks.reserve(readBack)) {
            if (blocks == null) {
                return Optional.empty();
            }
            Optional<FileChannel> out;
            try {
                out = DirectCopy.openTemp(temp);
            } catch (TransferException e) {
                closeQuietly(in);
                throw e;
            }
            if (out.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(removingTempOnFailure(temp, () -> {
                try (in; FileChannel o = out.get()) {
                    DirectCopy.Result r = DirectCopy.copy(in, o, source, temp, algs, mtime, readBack, blocks);
                    return new Result(r.bytes(), r.checksums(), true, r.readBack());
                }
            }));
        }
    }

    /** A copy step whose failure leaves no temporary file behind. */
    private interface Body {
        Result run() throws IOException, TransferException;
    }

    private static Result removingTempOnFailure(Path temp, Body body) throws TransferException {
        try {
            return body.run();
        } catch (IOException e) {
            // only close() can get here: the read, write and fsync paths classify their own errors
            FileTransferer.deleteQuietly(temp);
            throw TransferException.of(e, temp, false);
        } catch (TransferException e) {
            FileTransferer.deleteQuietly(temp);
            throw e;
        }
    }

    /** Through the page cache; large files fsync'd here, small ones later with the rest of their batch. */
    private static Result buffered(FileChannel in, FileChannel out, Path source, Path temp, Set<ChecksumAlgorithm> algs,
                                   java.nio.file.attribute.FileTime mtime, long sizeBytes) throws TransferException {
        MultiHasher hasher = new MultiHasher(algs);
        Map<ChecksumAlgorithm, String> whole = null;
        long total = 0;
        if (sizeBytes >= FileTransferer.LARGE_FILE_BYTES) {
            total = pipelined(in, out, hasher, source, temp);
        } else {
            byte[] buf = BUFFER.get();
            ByteBuffer readBuf = ByteBuffer.wrap(buf);
            int n = read(in, readBuf.clear(), source);
            if (n < buf.length) { // the whole file in one buffer (n = -1: empty): hashed in one go
                total = Math.max(n, 0);
                whole = MultiHasher.whole(algs, buf, 0, (int) total);
                write(out, ByteBuffer.wrap(buf, 0, (int) total), temp);
            } else {
                do {
                    hasher.update(buf, 0, n);
                    write(out, ByteBuffer.wrap(buf, 0, n), temp);
                    total += n;
                } while ((n = read(in, readBuf.clear(), source)) >= 0);
            }
        }
        // mtime first, so the one fsync covers data and the kept mtime
        setMtime(temp, mtime);
        boolean synced = sizeBytes >= FileTransferer.LARGE_FILE_BYTES;
        if (synced) {
            force(out, temp);
        }
        return new Result(total, whole != null ? whole : hasher.digests(), synced, null);
    }

    private static long pipelined(FileChannel in, FileChannel out, MultiHasher hasher, Path source, Path temp)
            throws TransferException {
        long total = 0;
        try (ReadAhead ahead = new ReadAhead(in, FileHasher.BUFFER_BYTES)) {
            while (true) {
                ReadAhead.Chunk c = ahead.next();
                if (c.failure() != null) {
                    throw TransferException.of(c.failure(), source, true);
                }
                if (c.end()) {
                    return total;
                }
                hasher.update(c.bytes(), 0, c.length());
                write(out, ByteBuffer.wrap(c.bytes(), 0, c.length()), temp);
                total += c.length();
                ahead.recycle(c.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransferException(TransferException.Reason.IO_ERROR, source + ": interrupted while copying", e);
        }
    }

    private static void closeQuietly(FileChannel in) {
        try {
            in.close();
        } catch (IOException e) {
            // read-only source channel
        }
    }

    private static FileChannel openTemp(Path temp) throws TransferException {
        try {
            return FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw TransferException.of(e, temp, false);
        }
    }

    private static int read(FileChannel in, ByteBuffer buf, Path source) throws TransferException {
        try {
            int got = 0;
            while (buf.hasRemaining()) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                got += n;
            }
            return got == 0 ? -1 : got;
        } catch (IOException e) {
            throw TransferException.of(e, source, true);
        }
    }

    private static void write(FileChannel out, ByteBuffer buf, Path temp) throws TransferException {
        try {
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        } catch (IOException e) {
            throw TransferException.of(e, temp, false);
        }
    }

    static void setMtime(Path temp, java.nio.file.attribute.FileTime mtime) throws TransferException {
        try {
            java.nio.file.Files.setLastModifiedTime(temp, mtime);
        } catch (IOException e) {
            throw TransferException.of(e, temp, false);
        }
    }

    static void force(FileChannel out, Path temp) throws TransferException {
        try {
            out.force(true);
        } catch (IOException e) {
            throw TransferException.of(e, temp, false);
        }
    }
}
