package org.scopeflow.ingest.watch;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Set;

/**
 * Walks a source tree (or a part of it) and reports every included regular file with its size and
 * mtime. Symbolic links are not followed unless asked; when followed, loops are reported and skipped.
 * Unreadable directories are reported and the walk goes on. Streams directory entries, so a directory
 * of 100,000 files is not loaded at once.
 */
public final class TreeScanner {
    /** Receives what a scan finds. Called on the scanning thread. */
    public interface Listener {
        void file(String relativePath, long sizeBytes, long mtimeMillis);

        /** A path the scan could not read or will not follow, with the reason. */
        void problem(Path path, String reason);
    }

    private final Path root;
    private final PathFilter filter;
    private final boolean followSymlinks;

    public TreeScanner(Path root, PathFilter filter, boolean followSymlinks) {
        this.root = root;
        this.filter = filter;
        this.followSymlinks = followSymlinks;
    }

    /** Scans the whole source. */
    public void scan(Listener listener) throws IOException {
        scan(root, listener);
    }

    /** Scans {@code start} (the source or a directory inside it). */
    public void scan(Path start, Listener listener) throws IOException {
        if (!Files.isDirectory(start)) {
            return;
        }
        Set<FileVisitOption> opts = followSymlinks ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
        Files.walkFileTree(start, opts, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    String rel = relative(file);
                    if (filter.accepts(rel)) {
                        listener.file(rel, attrs.size(), attrs.lastModifiedTime().toMillis());
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                if (e instanceof FileSystemLoopException) {
                    listener.problem(file, "symbolic link loop, not followed");
                } else if (!(e instanceof java.nio.file.NoSuchFileException)) {
                    listener.problem(file, "cannot read: " + e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The '/'-separated path of {@code file} relative to the source. */
    public String relative(Path file) {
        Path rel = root.relativize(file);
        return rel.toString().replace(java.io.File.separatorChar, '/');
    }
}
