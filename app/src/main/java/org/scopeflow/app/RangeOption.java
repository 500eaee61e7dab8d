package org.scopeflow.app;

/** A "low:high" command-line range of two numbers (a single number means low = high). */
record RangeOption(double low, double high) {

    /** @throws IllegalArgumentException naming the option and the text when it is not "a:b" with a ≤ b */
    static RangeOption parse(String option, String text) {
        String[] parts = text.trim().split(":", -1);
        try {
            if (parts.length == 1) {
                double v = Double.parseDouble(parts[0]);
                return new RangeOption(v, v);
            }
            if (parts.length == 2) {
                double lo = Double.parseDouble(parts[0]);
                double hi = Double.parseDouble(parts[1]);
                if (lo <= hi) {
                    return new RangeOption(lo, hi);
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException(option + " '" + text + "' is not a range like 0.8:3.5 (low:high, low ≤ high)");
    }
}
