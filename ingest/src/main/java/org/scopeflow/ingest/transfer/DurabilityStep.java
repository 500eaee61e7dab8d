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
 * Makes a batch durable with as few flushes as possible: small files written but not yet fsync'd share
 * one syncfs of their filesystem (the same trick as a journal's group commit); large files were fsync'd
 * while copying. Renames are made durable by one syncfs for a batch, or an fsync of each changed
 * directory for a single file. When a flush fails every file in it fails (it is retried).
 */
final class DurabilityStep {
    private DurabilityStep() {}

    static List<CopiedFile> syncData(List<CopiedFile> copied) {
        List<CopiedFile> unsynced = copied.stream().filter(c -> !c.synced()).toList();
        if (unsynced.isEmpty()) {
            return copied;
        }
        try {
            if (unsynced.size() == 1 || !NativeIo.syncFilesystem(unsynced.get(0).temp())) {
                for (CopiedFile c : unsynced) {
                    fsync(c.temp(), false);
                }
            }
            return copied;
        } catch (IOException e) {
            return failAll(copied, e, "flushing written data");
        }
    }

    static List<CopiedFile> syncRenames(List<CopiedFile> renamed) {
        if (renamed.isEmpty()) {
            return renamed;
        }
        try {
            if (renamed.size() == 1 || !NativeIo.syncFilesystem(renamed.get(0).finalPath())) {
                Set<Path> dirs = new LinkedHashSet<>();
                renamed.forEach(c -> dirs.addAll(c.directories()));
                for (Path d : dirs) {
                    fsync(d, true);
                }
            }
            return renamed;
        } catch (IOException e) {
            return failAll(renamed, e, "flushing directory entries");
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
