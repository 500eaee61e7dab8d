package org.scopeflow.ingest.journal;

import java.util.Objects;

/**
 * The journal's record of one source file (one watch, one relative path): its state and what the agent
 * knows about it. Immutable; a state change appends a new entry that replaces the previous one.
 *
 * @param watch          watch name
 * @param relativePath   '/'-separated path relative to the watch source
 * @param state          current state
 * @param sizeBytes      source size when last observed or transferred
 * @param mtimeMillis    source mtime (epoch ms) when last observed or transferred
 * @param version        destination version being or last transferred (1 = plain name)
 * @param destination    absolute destination path of that version, or "" before it is chosen
 * @param checksums      "alg:hex" items joined by ',', or "" before hashing
 * @param session        session name, or "" before it is known
 * @param firstSeenMillis agent-clock time the file was first seen (drives {yyyy}/{mm}/{dd})
 * @param updatedMillis  agent-clock time of this entry
 * @param attempts       failed attempts since the last success
 * @param error          last failure "reason: detail", or "" when none
 */
public record JournalEntry(String watch, String relativePath, FileState state, long sizeBytes, long mtimeMillis,
                           int version, String destination, String checksums, String session, long firstSeenMillis,
                           long updatedMillis, int attempts, String error) {
    public JournalEntry {
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(relativePath, "relativePath");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(checksums, "checksums");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(error, "error");
    }

    /** A freshly seen file. */
    public static JournalEntry seen(String watch, String rel, long size, long mtimeMillis, long nowMillis) {
        return new JournalEntry(watch, rel, FileState.SEEN, size, mtimeMillis, 1, "", "", "", nowMillis, nowMillis, 0, "");
    }

    /** The map key of this entry. */
    public String key() {
        return key(watch, relativePath);
    }

    public static String key(String watch, String relativePath) {
        return watch + '\u0000' + relativePath;
    }

    public JournalEntry withState(FileState s, long nowMillis) {
        return new JournalEntry(watch, relativePath, s, sizeBytes, mtimeMillis, version, destination, checksums,
                session, firstSeenMillis, nowMillis, s.landed() && s != state ? 0 : attempts, s.landed() && s != state ? "" : error);
    }

    public JournalEntry withSource(long size, long mtime) {
        return new JournalEntry(watch, relativePath, state, size, mtime, version, destination, checksums, session,
                firstSeenMillis, updatedMillis, attempts, error);
    }

    public JournalEntry withLanding(int v, String dest, String sums, String sess) {
        return new JournalEntry(watch, relativePath, state, sizeBytes, mtimeMillis, v, dest, sums, sess,
                firstSeenMillis, updatedMillis, attempts, error);
    }

    public JournalEntry withFailure(String reason, long nowMillis) {
        return new JournalEntry(watch, relativePath, state, sizeBytes, mtimeMillis, version, destination, checksums,
                session, firstSeenMillis, nowMillis, attempts + 1, reason);
    }

    public JournalEntry cleared() {
        return new JournalEntry(watch, relativePath, state, sizeBytes, mtimeMillis, version, destination, checksums,
                session, firstSeenMillis, updatedMillis, 0, "");
    }
}
