package org.scopeflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.scopeflow.ingest.LandedFile;
import org.scopeflow.ingest.MetadataValue;
import org.scopeflow.model.Checksum;

/**
 * Landed files as file events of the server's agent contract ({@code POST /api/agents/{id}/file-events},
 * server/README.md), carrying what the direct-database sink records: checksums, metadata with units,
 * the sidecar values that describe the session, and where the bytes are in the storage root.
 */
final class FileEventEncoder {
    private FileEventEncoder() {}

    /**
     * A {@code verified} event: the agent copied the file and checked the copy.
     *
     * @param rootName the server's name of the storage root holding the file
     * @param rootDir  where this machine sees that storage root
     */
    static ObjectNode event(ObjectMapper json, LandedFile f, String rootName, Path rootDir) {
        Checksum primary = LandedFileValues.primaryChecksum(f);
        ObjectNode e = json.createObjectNode().put("session", f.sessionName()).put("instrument", f.watchName())
                .put("relative_path", f.relativePath()).put("version", f.version()).put("size_bytes", f.sizeBytes())
                .put("event", "verified").put("storage_root", rootName)
                .put("checksum_algorithm", primary.algorithm()).put("checksum_hex", primary.hex())
                .put("source_mtime", f.sourceMtime() == null ? null : f.sourceMtime().toString());
        ObjectNode checksums = e.putObject("checksums");
        f.checksums().forEach((algorithm, hex) -> checksums.put(LandedFileValues.catalogName(algorithm), hex));
        ArrayNode metadata = e.putArray("metadata");
        ArrayNode sessionMetadata = e.putArray("session_metadata");
        String storagePath = LandedFileValues.storagePath(rootDir, f.destination());
        if (storagePath != null) {
            metadata.addObject().put("key", LandedFileValues.STORAGE_PATH).put("text", storagePath);
        }
        for (MetadataValue m : f.metadata()) {
            value(metadata.addObject(), m);
            if (LandedFileValues.describesSession(f, m)) {
                value(sessionMetadata.addObject(), m);
            }
        }
        return e;
    }

    /** The request body {@code {"events": [...]}} of events already written as JSON. */
    static byte[] batch(List<byte[]> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"events\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(events.get(i));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void value(ObjectNode out, MetadataValue m) {
        Double number = LandedFileValues.number(m);
        out.put("key", m.key());
        if (number != null) {
            out.put("value", number).put("unit", LandedFileValues.unit(m));
        } else {
            out.put("text", m.value());
        }
    }
}
