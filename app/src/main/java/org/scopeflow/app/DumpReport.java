package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.scopeflow.catalog.CatalogSettings;
import org.scopeflow.catalog.dump.DumpSummary;

/** How {@code db export} and {@code db import} report a dump. */
final class DumpReport {
    private DumpReport() {}

    static String text(DumpSummary s) {
        long tables = s.rowCounts().size();
        return String.format("%,d rows in %d tables (schema version %s, content sha-256 %s)",
                s.totalRows(), tables, s.schemaVersion(), s.contentSha256());
    }

    static String json(DumpSummary s, CatalogSettings settings, Path file, long fileSizeBytes) {
        ObjectNode root = new ObjectMapper().createObjectNode().put("db_url", settings.maskedUrl())
                .put("file", file.toString()).put("file_size_bytes", fileSizeBytes)
                .put("schema_version", s.schemaVersion()).put("total_rows", s.totalRows())
                .put("content_sha256", s.contentSha256());
        ObjectNode rows = root.putObject("row_counts");
        s.rowCounts().forEach(rows::put);
        return root.toPrettyString();
    }
}
