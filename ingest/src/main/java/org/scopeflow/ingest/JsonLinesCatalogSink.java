package org.scopeflow.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog for standalone use without a database, and for tests: one JSON object per line in a file
 * ({@code catalog: {jsonl_file: …}}), {@code {"type":"session",…}} and {@code {"type":"file",…}} rows,
 * fsync'd on every {@link #record} call. It is not the production catalog (that is the catalog module's
 * database, selected by {@code catalog: {db_url: …}}); it exists so that the agent can run and be tested
 * on its own, with the same idempotency contract.
 *
 * <p>The directory holding the file is never created: when it is missing (e.g. an unmounted share)
 * every call fails with {@link CatalogUnavailableException} and the agent retries.
 */
public final class JsonLinesCatalogSink implements CatalogSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Set<String> fileKeys = new HashSet<>();
    private final Set<String> sessionKeys = new HashSet<>();
    private boolean loaded;

    /** @param file the JSON-lines file; created when missing, its directory must exist */
    public JsonLinesCatalogSink(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** All rows of a catalog file, for status reports and tests. */
    public static List<JsonNode> readRows(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return in.lines().filter(l -> !l.isBlank()).map(JsonLinesCatalogSink::parse).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog file " + file, e);
        }
    }

    @Override
    public synchronized void ensureSession(String watchName, String sessionName) throws CatalogUnavailableException {
        load();
        String key = watchName + "\u0000" + sessionName;
        if (sessionKeys.contains(key)) {
            return;
        }
        ObjectNode row = JSON.createObjectNode().put("type", "session").put("watch", watchName).put("session", sessionName);
        append(row.toString() + "\n");
        sessionKeys.add(key);
    }

    @Override
    public synchronized void record(List<LandedFile> files) throws CatalogUnavailableException {
        load();
        StringBuilder lines = new StringBuilder();
        Set<String> added = new HashSet<>();
        for (LandedFile f : files) {
            if (!fileKeys.contains(f.catalogKey()) && added.add(f.catalogKey())) {
                lines.append(toJson(f)).append('\n');
            }
        }
        if (lines.length() > 0) {
            append(lines.toString());
            fileKeys.addAll(added);
        }
    }

    @Override
    public void close() {
        // Every record() call closes its channel; nothing is held open.
    }

    private void load() throws CatalogUnavailableException {
        if (loaded) {
            return;
        }
        requireDirectory();
        repairTornTail();
        for (JsonNode row : readRows(file)) {
            if ("file".equals(row.path("type").asText())) {
                fileKeys.add(row.path("session").asText() + "\u0000" + row.path("relative_path").asText()
                        + "\u0000" + row.path("version").asInt());
            } else {
                sessionKeys.add(row.path("watch").asText() + "\u0000" + row.path("session").asText());
            }
        }
        loaded = true;
    }

    /** A kill -9 in the middle of an append leaves a partial last line: drop it (it was never acknowledged). */
    private void repairTornTail() throws CatalogUnavailableException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            long end = ch.size();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < ch.size()) {
                ch.truncate(end);
                ch.force(true);
            }
        } catch (IOException e) {
            throw new CatalogUnavailableException("catalog file " + file + ": " + e, e);
        }
    }

    private void requireDirectory() throws CatalogUnavailableException {
        if (!Files.isDirectory(file.getParent())) {
            throw new CatalogUnavailableException("catalog file " + file + ": directory " + file.getParent()
                    + " is missing (unmounted?); create or mount it");
        }
    }

    private void append(String text) throws CatalogUnavailableException {
        requireDirectory();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException e) {
            throw new CatalogUnavailableException("catalog file " + file + ": " + e, e);
        }
    }

    private static String toJson(LandedFile f) {
        ObjectNode row = JSON.createObjectNode().put("type", "file").put("watch", f.watchName())
                .put("session", f.sessionName()).put("relative_path", f.relativePath()).put("version", f.version())
                .put("size_bytes", f.sizeBytes()).put("source_mtime", f.sourceMtime().toString())
                .put("landed_at", f.landedAt().toString()).put("storage_root", f.storageRoot().toString())
                .put("destination", f.destination().toString());
        ObjectNode sums = row.putObject("checksums");
        f.checksums().forEach((alg, hex) -> sums.put(alg.id(), hex));
        var meta = row.putArray("metadata");
        f.metadata().forEach(m -> meta.addObject().put("key", m.key()).put("value", m.value()).put("unit", m.unit()));
        return row.toString();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog line is not JSON: " + line, e);
        }
    }
}
