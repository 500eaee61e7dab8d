package org.scopeflow.imaging.star;

/** Rules for names and values that every STAR model type shares. */
final class StarNames {
    private StarNames() {
    }

    /** A column or key name without its leading underscore; must be non-empty with no whitespace. */
    static String tag(String name) {
        if (name == null) {
            throw new IllegalArgumentException("STAR column/key name is null");
        }
        String bare = name.startsWith("_") ? name.substring(1) : name;
        if (bare.isEmpty() || hasWhitespaceOrControl(bare)) {
            throw new IllegalArgumentException("STAR column/key name '" + name
                    + "' must be non-empty without spaces or control characters, e.g. rlnDefocusU");
        }
        return bare;
    }

    static String blockName(String name) {
        if (name == null || hasWhitespaceOrControl(name)) {
            throw new IllegalArgumentException("STAR block name '" + name
                    + "' must not contain spaces or control characters (it may be empty)");
        }
        return name;
    }

    /** Any text on one line: a value cannot hold a line break. */
    static String value(String value) {
        if (value == null) {
            throw new IllegalArgumentException("STAR value is null; use an empty string");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("STAR value '" + value.replace("\n", "\\n").replace("\r", "\\r")
                    + "' contains a line break; STAR values must fit on one line");
        }
        return value;
    }

    private static boolean hasWhitespaceOrControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }
}
