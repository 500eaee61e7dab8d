package org.scopeflow.catalog.dump;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The portable catalog dump, format version 1: a gzip-compressed UTF-8 text of JSON documents, one
 * per line ("JSON Lines"), independent of the database that wrote it.
 *
 * <pre>
 * line 1      header  {"format":"scopeflow-catalog-dump","format_version":1,"schema_version":"1",
 *                      "created_at":"2026-03-01T08:00:00Z","source_database":"H2 2.5.252",
 *                      "tables":[{"name":"instruments","columns":[{"name":"id","type":"integer"},…]},…]}
 * lines 2…n   rows    {"t":"instruments","r":[1,"krios-1","cryo-em",…]}   values in header column order
 * last line   trailer {"trailer":true,"row_counts":{"instruments":1,…},"content_sha256":"…"}
 * </pre>
 *
 * Tables appear in foreign-key order (parents first) and rows of one table are contiguous, in
 * primary-key order. {@code content_sha256} is the SHA-256 of every byte before the trailer line
 * (uncompressed, each line including its '\n'). Value encodings are those of {@link DumpType}.
 * Flyway's history is not dumped: the importer migrates the target to {@code schema_version}, loads
 * the rows and then applies newer migrations.
 */
public final class DumpFormat {
    /** Value of the header's {@code format} field. */
    public static final String FORMAT_NAME = "scopeflow-catalog-dump";
    /** The format version this code writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper();

    private DumpFormat() {}
}
