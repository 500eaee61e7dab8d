package org.scopeflow.ingest.transfer;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Linux calls the JDK does not offer: posix_fadvise(DONTNEED) (drop cached pages where O_DIRECT
 * is refused), renameat2(RENAME_NOREPLACE) (rename that never overwrites) and syncfs (flush one
 * filesystem; reports writeback errors since Linux 5.8). Where the native library is unavailable (not Linux) each call reports
 * false and callers fall back to portable, slower equivalents.
 */
public final class NativeIo {
    private static final Logger LOG = LoggerFactory.getLogger(NativeIo.class);
    private static final int O_RDONLY = 0;
    private static final int POSIX_FADV_DONTNEED = 4;
    private static final int AT_FDCWD = -100;
    private static final int RENAME_NOREPLACE = 1;
    private static final int EEXIST = 17;
    private static final LibC LIBC = load();

    interface LibC extends Library {
        int open(String path, int flags);

        int close(int fd);

        int posix_fadvise(int fd, long offset, long len, int advice);

        int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags);

        int syncfs(int fd);
    }

    private NativeIo() {}

    /** True when the native calls are usable here. */
    public static boolean available() {
        return LIBC != null;
    }

    /** Asks the kernel to drop the clean cached pages of {@code file}; false when unsupported. */
    public static boolean dropCachedPages(Path file) {
        if (LIBC == null) {
            return false;
        }
        int fd = LIBC.open(file.toString(), O_RDONLY);
        if (fd < 0) {
            return false;
        }
        try {
            return LIBC.posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
        } finally {
            LIBC.close(fd);
        }
    }

    /** Outcome of {@link #renameNoReplace}. */
    public enum RenameResult { RENAMED, TARGET_EXISTS, UNSUPPORTED }

    /**
     * Atomically renames {@code from} to {@code to} unless {@code to} exists.
     *
     * @throws IOException for failures other than "target exists" and "not supported here"
     */
    public static RenameResult renameNoReplace(Path from, Path to) throws IOException {
        if (LIBC == null) {
            return RenameResult.UNSUPPORTED;
        }
        if (LIBC.renameat2(AT_FDCWD, from.toString(), AT_FDCWD, to.toString(), RENAME_NOREPLACE) == 0) {
            return RenameResult.RENAMED;
        }
        int errno = Native.getLastError();
        if (errno == EEXIST) {
            return RenameResult.TARGET_EXISTS;
        }
        if (errno == 22 || errno == 38 || errno == 95) {
            return RenameResult.UNSUPPORTED;
        }
        throw new IOException("rename " + from + " → " + to + " failed: " + Errno.describe(errno));
    }

    /**
     * syncfs(2) on the filesystem holding {@code path}: all its dirty data and metadata, written by anyone,
     * reach stable storage.
     *
     * @return false when the native call is unavailable here (the caller then fsyncs file by file)
     * @throws IOException when the path cannot be opened or the flush fails (e.g. EIO)
     */
    public static boolean syncFilesystem(Path path) throws IOException {
        if (LIBC == null) {
            return false;
        }
        int fd = LIBC.open(path.toString(), O_RDONLY);
        if (fd < 0) {
            throw new IOException("syncfs: cannot open " + path + ": " + Errno.describe(Native.getLastError()));
        }
        try {
            if (LIBC.syncfs(fd) != 0) {
                throw new IOException("syncfs of the filesystem of " + path + " failed: " + Errno.describe(Native.getLastError()));
            }
            return true;
        } finally {
            LIBC.close(fd);
        }
    }

    private static LibC load() {
        if (!Platform.isLinux()) {
            return null;
        }
        try {
            return Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError e) {
            LOG.warn("native libc not loadable ({}); using portable fsync and rename", e.getMessage());
            return null;
        }
    }
}
