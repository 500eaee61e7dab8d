package org.scopeflow.ingest.watch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides when a file is complete. A file is complete when its size and mtime have not changed for the
 * quiet period, measured on the agent's own {@link Clock} (never by comparing the file's mtime with now:
 * instruments write mtimes in the future). With a sidecar rule, it is complete as soon as its sidecar
 * exists and it did not change over the last probe interval (at most one second or the quiet period).
 *
 * <p>Not thread-safe: owned by the watch's coordinator thread.
 */
public final class CompletenessTracker {
    /** A stat result: size and mtime. */
    public record Stat(long sizeBytes, long mtimeMillis) {}

    private record Pending(Stat stat, long changedAtMillis) {}

    private final Clock clock;
    private final long quietMillis;
    private final long sidecarQuietMillis;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    public CompletenessTracker(Clock clock, long quietMillis) {
        this.clock = clock;
        this.quietMillis = quietMillis;
        this.sidecarQuietMillis = Math.min(quietMillis, 1000);
    }

    /** Starts or continues watching {@code rel}; a new size or mtime restarts its quiet period. */
    public void observe(String rel, Stat stat) {
        Pending p = pending.get(rel);
        if (p == null || !p.stat().equals(stat)) {
            pending.put(rel, new Pending(stat, clock.millis()));
        }
    }

    public boolean isPending(String rel) {
        return pending.containsKey(rel);
    }

    public void forget(String rel) {
        pending.remove(rel);
    }

    public int size() {
        return pending.size();
    }

    /**
     * Re-stats every pending file and removes and returns those now complete.
     *
     * @param stat          current size/mtime of a file, empty when it vanished (it is then dropped)
     * @param sidecarExists whether a file's sidecar exists (always false without a sidecar rule)
     * @param vanished      receives files that disappeared while pending
     */
    public List<Map.Entry<String, Stat>> complete(Function<String, Optional<Stat>> stat, Predicate<String> sidecarExists,
                                                  java.util.function.Consumer<String> vanished) {
        long now = clock.millis();
        List<Map.Entry<String, Stat>> done = new ArrayList<>();
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> e = it.next();
            Optional<Stat> current = stat.apply(e.getKey());
            if (current.isEmpty()) {
                it.remove();
                vanished.accept(e.getKey());
                continue;
            }
            if (!current.get().equals(e.getValue().stat())) {
                e.setValue(new Pending(current.get(), now));
                continue;
            }
            long quietFor = now - e.getValue().changedAtMillis();
            if (quietFor >= quietMillis || (quietFor >= sidecarQuietMillis && sidecarExists.test(e.getKey()))) {
                it.remove();
                done.add(Map.entry(e.getKey(), current.get()));
            }
        }
        return done;
    }
}
