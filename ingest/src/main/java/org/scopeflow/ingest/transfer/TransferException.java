package org.scopeflow.ingest.transfer;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A file could not be transferred. {@link #reason()} is a short code for status and logs;
 * {@link #retryable()} tells whether the agent should try again (with backoff) or wait for the file
 * to change.
 */
public final class TransferException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    /** Why a transfer failed. */
    public enum Reason {
        NO_SPACE(true), PERMISSION_DENIED(true), DESTINATION_UNMOUNTED(true), SOURCE_VANISHED(false),
        SOURCE_CHANGED(true), VERIFY_MISMATCH(true), IO_ERROR(true),
        /** Another file of the same batch is being copied to the same destination; retried after it. */
        DESTINATION_BUSY(true);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }
    }

    public TransferException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean retryable() {
        return reason.retryable;
    }

    /** "NO_SPACE: /storage/x.tiff: No space left on device" — one line for status and logs. */
    public String summary() {
        return reason + ": " + getMessage();
    }

    /**
     * Classifies an I/O failure on {@code path}; {@code sourceSide} says whether it happened reading
     * the source (a missing file there means it vanished).
     */
    public static TransferException of(IOException e, Path path, boolean sourceSide) {
        String text = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : String.valueOf(e.getMessage());
        Reason r;
        if (e instanceof AccessDeniedException || text.contains("Permission denied") || text.contains("EACCES")) {
            r = Reason.PERMISSION_DENIED;
        } else if (text.contains("No space left") || text.contains("ENOSPC") || text.contains("Disk quota exceeded")) {
            r = Reason.NO_SPACE;
        } else if (sourceSide && e instanceof NoSuchFileException) {
            r = Reason.SOURCE_VANISHED;
        } else {
            r = Reason.IO_ERROR;
        }
        return new TransferException(r, path + ": " + text, e);
    }
}
