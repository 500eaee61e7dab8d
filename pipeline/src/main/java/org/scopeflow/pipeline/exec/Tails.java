package org.scopeflow.pipeline.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the end of log files without loading them whole. */
public final class Tails {
    /** Bytes kept of stdout and stderr in the catalog. */
    public static final int DEFAULT_BYTES = 4000;

    private Tails() {
    }

    /** The last {@code maxBytes} of the file (from a line start when possible); empty when it does not exist. */
    public static String of(Path file, int maxBytes) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - maxBytes);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            return start > 0 && newline >= 0 && newline < text.length() - 1 ? text.substring(newline + 1) : text;
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
