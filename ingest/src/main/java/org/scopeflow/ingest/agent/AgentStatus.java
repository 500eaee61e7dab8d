package org.scopeflow.ingest.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scopeflow.ingest.config.AgentSettings;
import org.scopeflow.ingest.config.WatchSettings;
import org.scopeflow.ingest.journal.FileState;
import org.scopeflow.ingest.journal.Journal;
import org.scopeflow.ingest.journal.JournalEntry;

/**
 * What {@code scopeflow agent status} shows, computed from the journal in state_dir (readable while the
 * agent runs): per watch, files per state, backlog (files and bytes not yet catalogued), catalogue rate
 * over the last five minutes, and failing files with their reasons.
 *
 * @param running whether an agent currently holds the state_dir
 * @param watches one summary per configured watch
 */
public record AgentStatus(boolean running, List<WatchStatus> watches) {
    static final long RATE_WINDOW_MILLIS = 300_000;

    /**
     * @param name               watch name
     * @param filesByState       state → count
     * @param backlogFiles       files seen but not yet catalogued
     * @param backlogBytes       their bytes
     * @param filesPerSecond     catalogued per second over the last five minutes
     * @param bytesPerSecond     bytes catalogued per second over the last five minutes
     * @param failures           failing files: relative path → last reason (at most 50)
     * @param failingFiles       number of files with a current failure
     * @param lastFailure        "relative path: reason" of the failing file that failed most recently, or null
     */
    public record WatchStatus(String name, Map<String, Long> filesByState, long backlogFiles, long backlogBytes,
                              double filesPerSecond, double bytesPerSecond, Map<String, String> failures, long failingFiles,
                              String lastFailure) {}

    /** Reads the journal of {@code settings.stateDir()}. */
    public static AgentStatus read(AgentSettings settings, Clock clock) throws IOException {
        Path dir = settings.stateDir();
        return of(settings.watches(), Journal.readSnapshot(dir).values(), clock.millis(), Journal.inUse(dir));
    }

    /** The status of {@code watches} computed from journal entries (the running agent's, or a snapshot). */
    static AgentStatus of(List<WatchSettings> watches, Collection<JournalEntry> entries, long nowMillis, boolean running) {
        List<WatchStatus> out = new ArrayList<>();
        for (WatchSettings w : watches) {
            out.add(summarize(w.name(), entries, nowMillis));
        }
        return new AgentStatus(running, out);
    }

    private static WatchStatus summarize(String watch, Collection<JournalEntry> all, long now) {
        Map<String, Long> byState = new TreeMap<>();
        for (FileState s : FileState.values()) {
            byState.put(s.name().toLowerCase(java.util.Locale.ROOT), 0L);
        }
        long backlogFiles = 0, backlogBytes = 0, recentFiles = 0, recentBytes = 0, failing = 0;
        Map<String, String> failures = new TreeMap<>();
        JournalEntry latestFailure = null;
        for (JournalEntry e : all) {
            if (!e.watch().equals(watch)) {
                continue;
            }
            byState.merge(e.state().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum);
            boolean catalogued = e.state().compareTo(FileState.CATALOGUED) >= 0;
            if (!catalogued) {
                backlogFiles++;
                backlogBytes += e.sizeBytes();
            }
            if (catalogued && now - e.updatedMillis() <= RATE_WINDOW_MILLIS) {
                recentFiles++;
                recentBytes += e.sizeBytes();
            }
            if (!e.error().isEmpty() && (!catalogued || e.error().startsWith("CLEANUP"))) {
                failing++;
                if (latestFailure == null || e.updatedMillis() > latestFailure.updatedMillis()) {
                    latestFailure = e;
                }
                if (failures.size() < 50) {
                    failures.put(e.relativePath(), e.error() + " (attempts: " + e.attempts() + ")");
                }
            }
        }
        double window = RATE_WINDOW_MILLIS / 1000.0;
        return new WatchStatus(watch, byState, backlogFiles, backlogBytes, recentFiles / window, recentBytes / window,
                failures, failing, latestFailure == null ? null : latestFailure.relativePath() + ": " + latestFailure.error());
    }
}
