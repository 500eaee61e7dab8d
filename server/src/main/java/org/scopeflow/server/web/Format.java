package org.scopeflow.server.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How pages show numbers and times: sizes in binary units, times in UTC. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Format() {}

    public static String time(Instant t) {
        return t == null ? "—" : TIME.format(t);
    }

    /** ISO 8601 UTC, for machine-readable attributes. */
    public static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    public static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String number(Double d, String unit) {
        if (d == null) {
            return "—";
        }
        String s = Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
        return unit == null ? s : s + " " + unit;
    }

    public static String orDash(Object o) {
        return o == null ? "—" : o.toString();
    }
}
