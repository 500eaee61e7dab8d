package org.scopeflow.model;

/** Checks on names and other short texts the catalog stores in bounded columns. */
final class Names {
    private Names() {}

    /** Throws when {@code value} is null, blank or longer than {@code maxChars} characters. */
    static String require(String what, String value, int maxChars) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty; give a name of 1–" + maxChars + " characters");
        }
        return check(what, value, maxChars);
    }

    /** Throws when {@code value} is longer than {@code maxChars} characters; null passes. */
    static String check(String what, String value, int maxChars) {
        // length() counts UTF-16 units: the stricter of the two databases' notions of a character.
        if (value != null && value.length() > maxChars) {
            throw new IllegalArgumentException(what + " '" + abbreviate(value) + "' has "
                    + value.length() + " characters; at most " + maxChars + " fit");
        }
        return value;
    }

    static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
