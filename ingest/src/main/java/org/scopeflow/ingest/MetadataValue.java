package org.scopeflow.ingest;

import java.util.Objects;

/**
 * One metadata value found at ingest, e.g. {@code voltage_kv = 300 kV}.
 *
 * @param key   snake_case name carrying its unit where there is one ({@code pixel_size_angstrom}); never null
 * @param value the value as text; numbers in Java's decimal form ({@code 1.06}); never null
 * @param unit  the unit symbol ({@code kV}, {@code Å}, {@code e/Å²}, {@code s}, {@code µm}), or "" for counts and text
 */
public record MetadataValue(String key, String value, String unit) {
    public MetadataValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(unit, "unit");
    }

    /** A numeric value, written without a trailing ".0" for whole numbers. */
    public static MetadataValue number(String key, double value, String unit) {
        String text = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : Double.toString(value);
        return new MetadataValue(key, text, unit);
    }
}
