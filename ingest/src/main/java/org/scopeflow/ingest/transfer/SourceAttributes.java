package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads source attributes without following links and detects a source that changed while being read. */
final class SourceAttributes {
    private SourceAttributes() {}

    static BasicFileAttributes read(Path source) throws TransferException {
        try {
            BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw new TransferException(TransferException.Reason.SOURCE_VANISHED, source
                        + ": no longer a regular file (replaced by a link or directory)", null);
            }
            return a;
        } catch (IOException e) {
            throw TransferException.of(e, source, true);
        }
    }

    static void requireUnchanged(Path source, BasicFileAttributes before) throws TransferException {
        requireUnchanged(source, before, before.size(), null);
    }

    /** Fails with SOURCE_CHANGED (deleting {@code temp}) when size or mtime moved, or fewer/more bytes were read. */
    static void requireUnchanged(Path source, BasicFileAttributes before, long bytesRead, Path temp) throws TransferException {
        BasicFileAttributes after;
        try {
            after = read(source);
        } catch (TransferException e) {
            if (temp != null) {
                FileTransferer.deleteQuietly(temp);
            }
            throw e;
        }
        if (after.size() != before.size() || bytesRead != before.size()
                || !after.lastModifiedTime().equals(before.lastModifiedTime())) {
            if (temp != null) {
                FileTransferer.deleteQuietly(temp);
            }
            throw new TransferException(TransferException.Reason.SOURCE_CHANGED, source + ": changed while being copied (size "
                    + before.size() + " → " + after.size() + ", read " + bytesRead + " bytes); waiting for it to be quiet again", null);
        }
    }
}
