package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes a batch durable, in one of two ways chosen by the number of files:
 * <ul>
 *   <li>batches of at least {@link #SYNCFS_MIN_FILES} files: one group-committed syncfs of the destination
 *       filesystem for the written files ({@link #syncBatch}) and one for the renames, shared with the
 *       other transfer threads' batches ({@link FilesystemSync});</li>
 *   <li>smaller batches: each written file is fsync'd ({@link #syncFile}, called for the files of a batch
 *       in parallel so that the filesystem commits them together) and renames by an fsync of each distinct
 *       changed directory.</li>
 * </ul>
 * Why both: syncfs also waits for other writers' dirty data on the same filesystem, which made it 1.8×
 * slower than parallel fsyncs for batches of a few files; for a batch of many small files one flush
 * replaces a journal commit per file (measured: see {@link #SYNCFS_MIN_FILES}). When a flush fails every
 * file in it fails (it is retried).
 */
final class DurabilityStep {
    /**
     * Smallest batch made durable by syncfs. Measured here (5,000 × 64 KiB, agent --once, parallel 8):
     * MEASURE.
     */
    static final int SYNCFS_MIN_FILES = Integer.getInteger("scopeflow.syncfsMinFiles", 32);

    private DurabilityStep() {}

    /**
     * Outcome of {@link #syncBatch}: {@code flushed} true when the written files are durable (or the flush
     * that should have made them so failed: {@code failure}, which then applies to every file of the batch);
     * false when each file must still be fsync'd with {@link #syncFile}.
     */
    record BatchFlush(boolean flushed, TransferException failure) {
        static final BatchFlush PER_FILE = new BatchFlush(false, null);
    }

    /**
     * Flushes the filesystem(s) of a batch's written temporary files by syncfs when the batch has at least
     * {@link #SYNCFS_MIN_FILES} files and each filesystem is one that syncfs flushes completely.
     */
    static BatchFlush syncBatch(List<CopiedFile> copied) {
        if (copied.size() < SYNCFS_MIN_FILES) {
            return BatchFlush.PER_FILE;
        }
        Set<Path> dirs = new LinkedHashSet<>();
        copied.stream().filter(c -> c.failure() == null && !c.synced()).forEach(c -> dirs.add(c.temp().getParent()));
        if (dirs.isEmpty()) {
            return BatchFlush.PER_FILE;
        }
        try {
            return FilesystemSync.sync(dirs) ? new BatchFlush(true, null) : BatchFlush.PER_FILE;
        } catch (IOException e) {
            TransferException te = TransferException.of(e, dirs.iterator().next(), false);
            return new BatchFlush(true, new TransferException(te.reason(), "flushing written data: " + te.getMessage(), e));
        }
    }

    static List<CopiedFile> syncRenames(List<CopiedFile> renamed) {
        if (renamed.isEmpty()) {
            return renamed;
        }
        try {
            Set<Path> dirs = new LinkedHashSet<>();
            renamed.forEach(c -> dirs.addAll(c.directories()));
            if (renamed.size() >= SYNCFS_MIN_FILES && FilesystemSync.sync(dirs)) {
                return renamed;
            }
            for (Path d : dirs) {
                fsync(d, true);
            }
            return renamed;
        } catch (IOException e) {
            return failAll(renamed, e, "flushing directory entries");
        }
    }

    /** fsync of a written temporary file; the error names the file and says what was being done. */
    static void syncFile(Path temp) throws TransferException {
        try {
            fsync(temp, false);
        } catch (IOException e) {
            TransferException te = TransferException.of(e, temp, false);
            throw new TransferException(te.reason(), "flushing written data: " + te.getMessage(), e);
        }
    }

    private static void fsync(Path p, boolean directory) throws IOException {
        try (FileChannel ch = FileChannel.open(p, directory ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static List<CopiedFile> failAll(List<CopiedFile> files, IOException e, String what) {
        List<CopiedFile> out = new ArrayList<>();
        for (CopiedFile c : files) {
            TransferException te = TransferException.of(e, c.temp(), false);
            out.add(c.withFailure(new TransferException(te.reason(), what + ": " + te.getMessage(), e)));
        }
        return out;
    }
}
