package org.scopeflow.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up an enum constant by its lower-case label, with an error that lists the accepted ones. */
final class Labels {
    private Labels() {}

    static <E extends Enum<E>> E find(Class<E> type, String what, String label, Function<E, String> labelOf) {
        String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (labelOf.apply(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(what + " '" + label + "' is unknown; expected one of "
                + Arrays.stream(type.getEnumConstants()).map(labelOf).collect(Collectors.joining(", ")));
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
