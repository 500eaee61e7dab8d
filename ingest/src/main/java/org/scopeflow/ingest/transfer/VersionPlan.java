package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scopeflow.ingest.ChecksumAlgorithm;

/**
 * Which destination version a source goes to. Existing versions of the same size are compared by
 * content (the source is then read twice, only in this conflict case); a match means "already there".
 *
 * @param identicalVersion the version whose content equals the source, or 0
 * @param freeVersion      the first version name not taken (when not identical)
 * @param sourceChecksums  digests of the source if they were computed for the comparison, else empty
 */
record VersionPlan(int identicalVersion, int freeVersion, Map<ChecksumAlgorithm, String> sourceChecksums) {
    private static final int MAX_VERSIONS = 1000;

    static VersionPlan of(TransferRequest r, long sourceSize, Set<ChecksumAlgorithm> algs) throws TransferException {
        List<Integer> sameSize = new ArrayList<>();
        int free = 0;
        for (int v = 1; v <= MAX_VERSIONS && free == 0; v++) {
            Path p = r.versioned(v);
            try {
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    free = v;
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == sourceSize) {
                    sameSize.add(v);
                }
            } catch (IOException e) {
                throw TransferException.of(e, p, false);
            }
        }
        if (free == 0) {
            throw new TransferException(TransferException.Reason.IO_ERROR, r.destination() + ": " + MAX_VERSIONS
                    + " versions already exist; clean up the destination", null);
        }
        if (sameSize.isEmpty()) {
            return new VersionPlan(0, free, Map.of());
        }
        return compare(r, sameSize, free, algs);
    }

    private static VersionPlan compare(TransferRequest r, List<Integer> candidates, int free, Set<ChecksumAlgorithm> algs)
            throws TransferException {
        Map<ChecksumAlgorithm, String> source;
        try {
            source = FileHasher.cached(r.source(), algs);
        } catch (IOException e) {
            throw TransferException.of(e, r.source(), true);
        }
        for (int v : candidates) {
            try {
                if (FileHasher.cached(r.versioned(v), algs).equals(source)) {
                    return new VersionPlan(v, free, source);
                }
            } catch (IOException e) {
                throw TransferException.of(e, r.versioned(v), false);
            }
        }
        return new VersionPlan(0, free, source);
    }
}
