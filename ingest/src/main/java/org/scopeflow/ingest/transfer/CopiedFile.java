package org.scopeflow.ingest.transfer;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.scopeflow.ingest.ChecksumAlgorithm;

/** A file copied to its temporary name, on its way through durability, verification and rename. */
record CopiedFile(TransferRequest request, Path temp, int version, Path finalPath, long sizeBytes, long mtimeMillis,
                  Map<ChecksumAlgorithm, String> checksums, boolean synced, Set<Path> directories,
                  TransferException failure) {

    CopiedFile withFailure(TransferException e) {
        return new CopiedFile(request, temp, version, finalPath, sizeBytes, mtimeMillis, checksums, synced, directories, e);
    }

    CopiedFile renamedTo(int v) {
        return new CopiedFile(request, temp, v, request.versioned(v), sizeBytes, mtimeMillis, checksums, synced,
                directories, failure);
    }
}
