package org.scopeflow.ingest.journal;

/**
 * Where one source file is on its way to the catalog, in order. Each change is appended to the journal
 * before the next step starts.
 */
public enum FileState {
    /** Found by an event or a scan; being watched for completeness. */
    SEEN,
    /** Quiet (or sidecar present); queued for transfer. */
    COMPLETE,
    /** Being copied to its temporary name at the destination. */
    COPYING,
    /** At its final destination name, durable and verified; not yet in the catalog. */
    VERIFIED,
    /** Committed to the catalog. Terminal when after_transfer is keep. */
    CATALOGUED,
    /** Source deleted or moved after cataloguing. Terminal. */
    CLEANED;

    /** True once the bytes are safely at the destination: no more hashing or copying of this version. */
    public boolean landed() {
        return compareTo(VERIFIED) >= 0;
    }
}
