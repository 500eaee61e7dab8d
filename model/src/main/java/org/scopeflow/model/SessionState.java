package org.scopeflow.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle of a session: open while acquiring, closed when done (it may be reopened), then
 * archived and finally purged.
 */
public enum SessionState implements StateMachine<SessionState> {
    OPEN, CLOSED, ARCHIVED, PURGED;

    @Override
    public Set<SessionState> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.of(OPEN, ARCHIVED, PURGED);
            case ARCHIVED -> EnumSet.of(PURGED);
            case PURGED -> EnumSet.noneOf(SessionState.class);
        };
    }

    @Override
    public String label() {
        return Labels.of(this);
    }

    /** @throws IllegalArgumentException naming the value and the accepted labels */
    public static SessionState fromLabel(String label) {
        return Labels.find(SessionState.class, "session state", label, SessionState::label);
    }
}
