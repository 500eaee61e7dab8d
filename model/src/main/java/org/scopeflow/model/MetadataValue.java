package org.scopeflow.model;

import java.util.Objects;

/**
 * One metadata value or metric of a file, dataset or session: either a number with its unit or a
 * text. One value per owner and key; writing the key again replaces it.
 *
 * @param owner        what it describes
 * @param ownerId      id of the file, dataset or session
 * @param key          e.g. {@code defocus_u}, {@code dose_per_frame}; 1–200 characters
 * @param numericValue the number, or null for a text value; finite
 * @param textValue    the text, or null for a numeric value; at most 4000 characters
 * @param unit         unit of the number, e.g. {@code Å}, {@code e/Å²}, {@code kV}; null for text
 *                     and for dimensionless numbers
 */
public record MetadataValue(MetadataOwner owner, long ownerId, String key, Double numericValue,
                            String textValue, String unit) {
    public MetadataValue {
        Objects.requireNonNull(owner, "owner");
        Names.require("metadata key", key, 200);
        Names.check("metadata unit", unit, 32);
        Names.check("metadata text of " + key, textValue, 4000);
        if ((numericValue == null) == (textValue == null)) {
            throw new IllegalArgumentException("metadata " + key + " of " + owner.label() + " " + ownerId
                    + " needs exactly one of a numeric and a text value");
        }
        if (numericValue != null && !Double.isFinite(numericValue)) {
            throw new IllegalArgumentException("metadata " + key + " of " + owner.label() + " " + ownerId
                    + ": " + numericValue + " is not a finite number");
        }
        if (textValue != null && unit != null) {
            throw new IllegalArgumentException("metadata " + key + " of " + owner.label() + " " + ownerId
                    + ": a text value has no unit (got '" + unit + "')");
        }
    }

    /** A number with its unit ({@code null} unit = dimensionless). */
    public static MetadataValue numeric(MetadataOwner owner, long ownerId, String key, double value, String unit) {
        return new MetadataValue(owner, ownerId, key, value, null, unit);
    }

    /** A text value. */
    public static MetadataValue text(MetadataOwner owner, long ownerId, String key, String value) {
        return new MetadataValue(owner, ownerId, key, null, value, null);
    }
}
