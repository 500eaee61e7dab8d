package org.scopeflow.ingest.transfer;

/** Names of the errno values the agent reports. */
final class Errno {
    private Errno() {}

    static String describe(int errno) {
        return switch (errno) {
            case 1 -> "EPERM (operation not permitted)";
            case 2 -> "ENOENT (no such file or directory)";
            case 5 -> "EIO (input/output error)";
            case 13 -> "EACCES (permission denied)";
            case 18 -> "EXDEV (cross-device rename)";
            case 28 -> "ENOSPC (no space left on device)";
            case 30 -> "EROFS (read-only file system)";
            default -> "errno " + errno;
        };
    }
}
