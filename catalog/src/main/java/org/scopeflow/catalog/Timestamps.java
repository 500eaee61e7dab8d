package org.scopeflow.catalog;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times written by the catalog, cut to microseconds: what both H2 and PostgreSQL store exactly. */
final class Timestamps {
    private Timestamps() {}

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static Instant stored(Instant value) {
        return value == null ? null : value.truncatedTo(ChronoUnit.MICROS);
    }
}
