package org.scopeflow.ingest.transfer;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.scopeflow.ingest.ChecksumAlgorithm;

/**
 * A file copied to its temporary name, on its way through durability, verification and rename;
 * {@code readBack}: its digests as re-read from storage during the copy, or null when that is still to do.
 */
record CopiedFile(TransferRequest request, Path temp, int version, Path finalPath, long sizeBytes, long mtimeMillis,
                  Map<ChecksumAlgorithm, String> checksums, boolean synced, Set<Path> directories,
                  TransferException failure, Map<ChecksumAlgorithm, String> readBack) {

    CopiedFile withFailure(TransferException e) {
        return new CopiedFile(request, temp, version, finalPath, sizeBytes, mtimeMillis, checksums, synced, directories, e, readBack);
    }

    CopiedFile renamedTo(int v) {
        return new CopiedFile(request, temp, v, request.versioned(v), sizeBytes, mtimeMillis, checksums, synced,
                directories, failure, readBack);
    }
}
