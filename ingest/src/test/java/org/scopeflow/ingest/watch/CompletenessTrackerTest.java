package org.scopeflow.ingest.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scopeflow.ingest.MutableClock;

class CompletenessTrackerTest {
    private final MutableClock clock = new MutableClock(1_000_000);
    private final CompletenessTracker tracker = new CompletenessTracker(clock, 10_000);
    private final Map<String, CompletenessTracker.Stat> disk = new HashMap<>();

    private java.util.List<String> completeNow(Set<String> sidecars) {
        return tracker.complete(rel -> Optional.ofNullable(disk.get(rel)), sidecars::contains, rel -> { })
                .stream().map(Map.Entry::getKey).toList();
    }

    @Test
    void growingFileIsNeverCompleteAndQuietOneIsAfterTheQuietPeriodOnTheAgentClock() {
        disk.put("grow.tiff", new CompletenessTracker.Stat(1, 5));
        // the instrument's mtime is far in the future: irrelevant, only our clock counts
        disk.put("quiet.tiff", new CompletenessTracker.Stat(7, 9_999_999_999_999L));
        tracker.observe("grow.tiff", disk.get("grow.tiff"));
        tracker.observe("quiet.tiff", disk.get("quiet.tiff"));
        for (int i = 2; i < 30; i++) {
            clock.advanceMillis(1000);
            disk.put("grow.tiff", new CompletenessTracker.Stat(i, 5));
            java.util.List<String> done = completeNow(Set.of());
            assertThat(done).doesNotContain("grow.tiff");
            if (i == 11) {
                assertThat(done).containsExactly("quiet.tiff");
            }
        }
        clock.advanceMillis(9_999);
        assertThat(completeNow(Set.of())).isEmpty();
        clock.advanceMillis(1);
        assertThat(completeNow(Set.of())).containsExactly("grow.tiff");
    }

    @Test
    void sidecarMakesAQuietFileCompleteEarly() {
        disk.put("m.tiff", new CompletenessTracker.Stat(10, 1));
        tracker.observe("m.tiff", disk.get("m.tiff"));
        clock.advanceMillis(1000);
        assertThat(completeNow(Set.of())).isEmpty();
        assertThat(completeNow(Set.of("m.tiff"))).containsExactly("m.tiff");
    }

    @Test
    void vanishedPendingFileIsDropped() {
        disk.put("v.tiff", new CompletenessTracker.Stat(1, 1));
        tracker.observe("v.tiff", disk.get("v.tiff"));
        disk.remove("v.tiff");
        clock.advanceMillis(20_000);
        assertThat(completeNow(Set.of())).isEmpty();
        assertThat(tracker.size()).isZero();
    }
}
