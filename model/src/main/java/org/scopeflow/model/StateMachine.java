package org.scopeflow.model;

import java.util.Set;
import java.util.stream.Collectors;

/** A life-cycle enum that knows which states may follow each of its states. */
public interface StateMachine<S extends Enum<S> & StateMachine<S>> {
    /** The states this one may change to; empty for a final state. */
    Set<S> next();

    /** The lower-case form stored in the catalog. */
    String label();

    /** Whether a change from this state to {@code target} is allowed. */
    default boolean canMoveTo(S target) {
        return next().contains(target);
    }

    /**
     * Throws unless the change to {@code target} is allowed.
     *
     * @param subject what changes, e.g. {@code file 42 (GridSquare_1/a.tiff)}, used in the message
     * @throws IllegalStateException naming the subject, both states and the allowed targets
     */
    default void checkMoveTo(S target, String subject) {
        if (!canMoveTo(target)) {
            String allowed = next().isEmpty() ? "none, it is final"
                    : next().stream().map(StateMachine::label).sorted().collect(Collectors.joining(", "));
            throw new IllegalStateException(subject + " cannot change from " + label() + " to "
                    + target.label() + "; allowed from " + label() + ": " + allowed);
        }
    }
}
