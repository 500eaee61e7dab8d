package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Moves a temp file to its final name atomically, never replacing an existing file. */
final class Renamer {
    private Renamer() {}

    /**
     * @return true when renamed, false when {@code target} already exists (nothing changed)
     */
    static boolean noReplace(Path temp, Path target) throws IOException {
        switch (NativeIo.renameNoReplace(temp, target)) {
            case RENAMED:
                return true;
            case TARGET_EXISTS:
                return false;
            default:
                // renameat2 unsupported (old kernel, some network filesystems): a hard link fails
                // atomically when the target exists, then the temp name is removed.
                try {
                    Files.createLink(target, temp);
                } catch (FileAlreadyExistsException e) {
                    return false;
                }
                Files.delete(temp);
                return true;
        }
    }
}
