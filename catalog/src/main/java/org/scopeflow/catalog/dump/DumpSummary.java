package org.scopeflow.catalog.dump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a dump holds (after export) or what was loaded (after import).
 *
 * @param schemaVersion  catalog migration version of the data, e.g. {@code 1}
 * @param rowCounts      rows per table in foreign-key order
 * @param contentSha256  the dump's content checksum (see {@link DumpFormat})
 */
public record DumpSummary(String schemaVersion, Map<String, Long> rowCounts, String contentSha256) {
    public DumpSummary {
        rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
    }

    /** Rows over all tables. */
    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
