package org.scopeflow.server.query;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;

/**
 * Session summaries, computed at most once at a time per session and served stale while a fresh
 * one is computed (stale-while-revalidate). Aggregating a 100,000-movie session takes the catalog
 * longer than viewers take to ask again; without this every viewer would start its own aggregate
 * and the catalog would never catch up. A summary is at most {@code ttlMillis} plus one
 * computation old. Thread-safe.
 */
final class SummaryCache implements AutoCloseable {
    private record Entry(SessionSummary value, long atMillis) {}

    private final LongFunction<Optional<SessionSummary>> compute;
    private final Clock clock;
    private final long ttlMillis;
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, CompletableFuture<Optional<SessionSummary>>> inflight = new ConcurrentHashMap<>();
    private final ExecutorService refresher = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "scopeflow-summary");
        t.setDaemon(true);
        return t;
    });

    SummaryCache(LongFunction<Optional<SessionSummary>> compute, Clock clock, long ttlMillis) {
        this.compute = compute;
        this.clock = clock;
        this.ttlMillis = ttlMillis;
    }

    /** The cached summary (refreshed in the background when older than the TTL), computed on first use. */
    Optional<SessionSummary> get(long sessionId) {
        Entry e = entries.get(sessionId);
        if (e != null) {
            long age = clock.millis() - e.atMillis();
            if (age >= ttlMillis || age < 0) {
                refresh(sessionId);
            }
            return Optional.of(e.value());
        }
        return await(refresh(sessionId));
    }

    /** A summary computed now (joining a computation already running), stored for later readers. */
    Optional<SessionSummary> fresh(long sessionId) {
        return await(refresh(sessionId));
    }

    private CompletableFuture<Optional<SessionSummary>> refresh(long sessionId) {
        CompletableFuture<Optional<SessionSummary>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<SessionSummary>> running = inflight.putIfAbsent(sessionId, mine);
        if (running != null) {
            return running;
        }
        refresher.execute(() -> {
            try {
                long started = clock.millis();
                Optional<SessionSummary> value = compute.apply(sessionId);
                value.ifPresent(v -> entries.put(sessionId, new Entry(v, started)));
                mine.complete(value);
            } catch (RuntimeException | Error t) {
                mine.completeExceptionally(t);
            } finally {
                inflight.remove(sessionId, mine);
            }
        });
        return mine;
    }

    private static Optional<SessionSummary> await(CompletableFuture<Optional<SessionSummary>> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
