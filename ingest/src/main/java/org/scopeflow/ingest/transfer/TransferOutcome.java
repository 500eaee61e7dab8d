package org.scopeflow.ingest.transfer;

import java.nio.file.Path;
import java.util.Map;
import org.scopeflow.ingest.ChecksumAlgorithm;

/**
 * What happened to one {@link TransferRequest}.
 *
 * @param request     the request
 * @param status      COPIED, IDENTICAL (already at the destination, nothing written) or FAILED
 * @param version     version stored (1 = plain name); 0 when failed
 * @param destination final path; null when failed
 * @param sizeBytes   bytes of the source as copied
 * @param mtimeMillis source mtime (epoch ms) the copy corresponds to
 * @param checksums   digests of the bytes; empty when failed
 * @param failure     the failure; null unless FAILED
 */
public record TransferOutcome(TransferRequest request, Status status, int version, Path destination, long sizeBytes,
                              long mtimeMillis, Map<ChecksumAlgorithm, String> checksums, TransferException failure) {
    /** Result kinds. */
    public enum Status { COPIED, IDENTICAL, FAILED }

    static TransferOutcome failed(TransferRequest r, TransferException e) {
        return new TransferOutcome(r, Status.FAILED, 0, null, 0, 0, Map.of(), e);
    }
}
