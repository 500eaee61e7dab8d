package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/** Creates missing directories below the storage root and reports whose entries must be fsync'd. */
final class DirectoryMaker {
    private DirectoryMaker() {}

    /** @return the parents of every directory created (their entries changed) */
    static Set<Path> create(Path dir, Path storageRoot) throws TransferException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = dir; p != null && !Files.isDirectory(p); p = p.getParent()) {
            if (p.equals(storageRoot) || !p.startsWith(storageRoot)) {
                throw new TransferException(TransferException.Reason.DESTINATION_UNMOUNTED, "storage root "
                        + storageRoot + " is missing (unmounted?); mount or create it", null);
            }
            missing.push(p);
        }
        Set<Path> changed = new LinkedHashSet<>();
        for (Path p : missing) {
            try {
                Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw TransferException.of(e, p, false);
                }
            } catch (IOException e) {
                throw TransferException.of(e, p, false);
            }
            changed.add(p.getParent());
        }
        return changed;
    }
}
