package org.scopeflow.catalog.dump;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed first line of a dump.
 *
 * @param formatVersion dump format version
 * @param schemaVersion catalog migration version of the data
 * @param tables        table name → its columns, in dump (foreign-key) order
 */
record DumpHeader(int formatVersion, String schemaVersion, Map<String, List<DumpColumn>> tables) {

    /** A column as the dump describes it. */
    record DumpColumn(String name, DumpType type) {}

    /** Parses and checks a header line. @throws CatalogDumpException naming the file */
    static DumpHeader parse(Path file, String line) {
        JsonNode node = parseJson(file, line, 1);
        if (!DumpFormat.FORMAT_NAME.equals(node.path("format").asText())) {
            throw new CatalogDumpException(file + " is not a Scopeflow catalog dump: its first line has format '"
                    + node.path("format").asText() + "', expected '" + DumpFormat.FORMAT_NAME + "'");
        }
        int version = node.path("format_version").asInt(-1);
        if (version < 1 || version > DumpFormat.FORMAT_VERSION) {
            throw new CatalogDumpException(file + " has dump format version " + version + "; this Scopeflow reads "
                    + "versions 1–" + DumpFormat.FORMAT_VERSION + ": import it with a newer Scopeflow");
        }
        Map<String, List<DumpColumn>> tables = new LinkedHashMap<>();
        for (JsonNode table : node.path("tables")) {
            List<DumpColumn> columns = new ArrayList<>();
            for (JsonNode column : table.path("columns")) {
                columns.add(new DumpColumn(column.path("name").asText(), DumpType.fromLabel(column.path("type").asText())));
            }
            tables.put(table.path("name").asText(), columns);
        }
        return new DumpHeader(version, node.path("schema_version").asText("0"), tables);
    }

    static JsonNode parseJson(Path file, String line, long lineNumber) {
        try {
            return DumpFormat.JSON.readTree(line);
        } catch (Exception e) {
            throw new CatalogDumpException(file + " line " + lineNumber + " is not valid JSON (" + e.getMessage()
                    + "); the dump is damaged: export it again", e);
        }
    }
}
