package org.scopeflow.ingest.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.scopeflow.ingest.config.AfterTransfer;

/**
 * Applies after_transfer to a source file. Called only for files whose verification and catalog commit
 * are durable. Refuses to touch a source whose size or mtime differ from what was transferred (it was
 * rewritten: it is a new version, not the file we verified).
 */
final class SourceCleaner {
    private final AfterTransfer action;
    private final Path sourceRoot;

    SourceCleaner(AfterTransfer action, Path sourceRoot) {
        this.action = action;
        this.sourceRoot = sourceRoot;
    }

    boolean active() {
        return action.action() != AfterTransfer.Action.KEEP;
    }

    /**
     * @return true when the source is gone (deleted, moved, or already absent); false when it changed
     * @throws IOException when the delete or move failed
     */
    boolean clean(String rel, long sizeBytes, long mtimeMillis) throws IOException {
        Path src = sourceRoot.resolve(rel);
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(src, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return true;
        }
        if (a.size() != sizeBytes || a.lastModifiedTime().toMillis() != mtimeMillis) {
            return false;
        }
        if (action.action() == AfterTransfer.Action.DELETE) {
            Files.deleteIfExists(src);
        } else {
            Path target = action.moveRoot().resolve(rel);
            for (int v = 2; Files.exists(target, LinkOption.NOFOLLOW_LINKS); v++) {
                target = action.moveRoot().resolve(rel + ".v" + v);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(src, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                // Trash on another filesystem: copy then delete (the destination already holds the verified copy).
                Files.move(src, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return true;
    }
}
