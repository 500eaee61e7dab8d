package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import org.scopeflow.ingest.ChecksumAlgorithm;

/** Reads the source once, hashing each chunk and writing it to the temporary file. */
final class CopyStep {
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[FileHasher.BUFFER_BYTES]);

    /** @param bytes bytes copied; @param checksums of those bytes; @param synced whether the temp was fsync'd */
    record Result(long bytes, Map<ChecksumAlgorithm, String> checksums, boolean synced) {}

    private CopyStep() {}

    static Result copy(Path source, Path temp, Set<ChecksumAlgorithm> algs, boolean fsyncNow) throws TransferException {
        MultiHasher hasher = new MultiHasher(algs);
        byte[] buf = BUFFER.get();
        long total = 0;
        FileChannel in;
        try {
            in = FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw TransferException.of(e, source, true);
        }
        try (in; FileChannel out = openTemp(temp)) {
            ByteBuffer readBuf = ByteBuffer.wrap(buf);
            int n;
            while ((n = read(in, readBuf.clear(), source)) >= 0) {
                hasher.update(buf, 0, n);
                write(out, ByteBuffer.wrap(buf, 0, n), temp);
                total += n;
            }
            if (fsyncNow) {
                force(out, temp);
            }
        } catch (IOException e) {
            FileTransferer.deleteQuietly(temp);
            throw TransferException.of(e, source, true);
        } catch (TransferException e) {
            FileTransferer.deleteQuietly(temp);
            throw e;
        }
        return new Result(total, hasher.digests(), fsyncNow);
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

    static void force(FileChannel out, Path temp) throws TransferException {
        try {
            out.force(true);
        } catch (IOException e) {
            throw TransferException.of(e, temp, false);
        }
    }
}
