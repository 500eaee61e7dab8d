package org.scopeflow.imaging.sim;

import java.time.Duration;
import java.util.Locale;

/**
 * How fast the simulated instrument acquires: movies per minute, or as fast as possible.
 *
 * @param moviesPerMinute acquisition rate; 0 means as fast as the simulation runs
 */
public record AcquisitionRate(double moviesPerMinute) {
    public AcquisitionRate {
        if (!(moviesPerMinute >= 0) || Double.isInfinite(moviesPerMinute)) {
            throw new IllegalArgumentException("rate " + moviesPerMinute + " movies/min must be ≥ 0 and finite");
        }
    }

    /** Parses "6/min", "120/h", "0.5/s", a bare number (per minute), "0" or "max". */
    public static AcquisitionRate parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return new AcquisitionRate(0);
        }
        double factor = 1;
        if (t.endsWith("/min")) {
            t = t.substring(0, t.length() - 4);
        } else if (t.endsWith("/h")) {
            t = t.substring(0, t.length() - 2);
            factor = 1 / 60.0;
        } else if (t.endsWith("/s")) {
            t = t.substring(0, t.length() - 2);
            factor = 60;
        }
        try {
            return new AcquisitionRate(Double.parseDouble(t.trim()) * factor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rate '" + text + "' is not like 6/min, 120/h, 0.5/s or max", e);
        }
    }

    public boolean unlimited() {
        return moviesPerMinute == 0;
    }

    /** Time from one movie's start to the next; zero when unlimited. */
    public Duration interval() {
        return unlimited() ? Duration.ZERO : Duration.ofNanos((long) (60e9 / moviesPerMinute));
    }
}
