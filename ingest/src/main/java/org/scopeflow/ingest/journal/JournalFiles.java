package org.scopeflow.ingest.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal's files in state_dir: {@code journal-<generation>.log}. Compaction writes generation n+1
 * under a temporary name, fsyncs it, renames it into place and fsyncs the directory; the highest
 * complete generation wins on open.
 */
final class JournalFiles {
    private static final Pattern NAME = Pattern.compile("journal-(\\d+)\\.log");

    private JournalFiles() {}

    static Path log(Path dir, long generation) {
        return dir.resolve("journal-" + generation + ".log");
    }

    /** Highest generation present, or 0 when there is none. */
    static long latestGeneration(Path dir) throws IOException {
        long best = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "journal-*.log")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    best = Math.max(best, Long.parseLong(m.group(1)));
                }
            }
        }
        return best;
    }

    /**
     * Replays a log into {@code into} (last entry per key wins).
     *
     * @return the byte offset just after the last valid frame (the torn tail starts there)
     */
    static long replay(Path log, Map<String, JournalEntry> into) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long good = 0;
            long pos = 0;
            long size = ch.size();
            ByteBuffer header = ByteBuffer.allocate(JournalCodec.HEADER_BYTES);
            while (pos + JournalCodec.HEADER_BYTES <= size) {
                header.clear();
                readFully(ch, header, pos);
                int len = JournalCodec.payloadLength(header);
                if (len < 0 || pos + JournalCodec.HEADER_BYTES + len > size) {
                    break;
                }
                ByteBuffer payload = len <= buf.capacity() ? buf.clear().limit(len) : ByteBuffer.allocate(len);
                readFully(ch, payload, pos + JournalCodec.HEADER_BYTES);
                byte[] bytes = new byte[len];
                payload.flip().get(bytes);
                JournalEntry e = JournalCodec.decode(header.getInt(4), bytes);
                if (e == null) {
                    break;
                }
                into.put(e.key(), e);
                pos += JournalCodec.HEADER_BYTES + len;
                good = pos;
            }
            return good;
        }
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("unexpected end of journal");
            }
        }
    }
}
