package org.scopeflow.server.query;

import java.time.Instant;

/**
 * A session with its progress, as the sessions list and the summary endpoint show it.
 *
 * @param id              session id
 * @param name            session name
 * @param projectId       may be null (unassigned)
 * @param projectName     may be null
 * @param instrumentId    may be null
 * @param instrumentName  may be null
 * @param state           open, closed, archived, purged
 * @param startedAt       start of acquisition
 * @param endedAt         null while open
 * @param filesTotal      file rows (all kinds, all versions)
 * @param bytesTotal      their size in bytes
 * @param moviesLanded    movies on central storage (landed, verified or archived)
 * @param moviesPending   movies registered but not landed yet (transfer backlog)
 * @param moviesLandedLastHour movies landed in the last hour: the acquisition rate in movies/h
 * @param moviesProcessed movies with at least one plotted metric
 * @param moviesFailed    movies with a processing error
 * @param lastActivityAt  latest registration or landing; null when the session has no files
 */
public record SessionRow(long id, String name, Long projectId, String projectName, Long instrumentId,
                         String instrumentName, String state, Instant startedAt, Instant endedAt,
                         long filesTotal, long bytesTotal, long moviesLanded, long moviesPending, long moviesLandedLastHour,
                         long moviesProcessed, long moviesFailed, Instant lastActivityAt) {}
