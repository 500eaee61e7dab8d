package org.scopeflow.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the written bytes are checked before the temporary file is renamed into place. */
public enum VerifyMode {
    /** Re-read from storage bypassing the page cache (O_DIRECT, or fadvise DONTNEED where O_DIRECT is refused). */
    REREAD,
    /** Re-read through the page cache: catches bugs in the copy, not media or write-back errors. */
    CACHED,
    /** Trust the hash computed while copying; the file is still fsync'd before the rename. */
    NONE;

    /** The lower-case name used in settings and options. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code id} (case-insensitive), or empty. */
    public static Optional<VerifyMode> byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
