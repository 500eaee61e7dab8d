package org.scopeflow.ingest.transfer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to transfer.
 *
 * @param source        the source file (regular file, not followed if a symlink)
 * @param destination   the destination of version 1; versions 2, 3… are named {@code stem.vN.ext} beside it
 * @param storageRoot   directory that must exist (the agent never creates it: missing = unmounted)
 */
public record TransferRequest(Path source, Path destination, Path storageRoot) {
    public TransferRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(storageRoot, "storageRoot");
    }

    /** The destination of {@code version}: {@code foo.tiff}, {@code foo.v2.tiff}, {@code foo.v3.tiff}… */
    public Path versioned(int version) {
        if (version == 1) {
            return destination;
        }
        String name = destination.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String v = ".v" + version;
        String renamed = dot <= 0 ? name + v : name.substring(0, dot) + v + name.substring(dot);
        return destination.resolveSibling(renamed);
    }

    /** The temporary name in the destination directory; deterministic so a retry reuses (truncates) it. */
    public Path temporary() {
        return destination.resolveSibling("." + destination.getFileName() + ".sf-part");
    }
}
