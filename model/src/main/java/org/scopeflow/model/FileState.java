package org.scopeflow.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle of a file: registered when the agent sees it, landed when copied to central storage,
 * verified when the copy's checksum matched, archived when on an archive tier, purged when deleted
 * by policy. Missing and corrupt are found by fixity checks; a new transfer lands the file again.
 */
public enum FileState implements StateMachine<FileState> {
    REGISTERED, LANDED, VERIFIED, ARCHIVED, MISSING, CORRUPT, PURGED;

    @Override
    public Set<FileState> next() {
        return switch (this) {
            case REGISTERED -> EnumSet.of(LANDED, MISSING);
            case LANDED -> EnumSet.of(VERIFIED, CORRUPT, MISSING);
            case VERIFIED -> EnumSet.of(ARCHIVED, CORRUPT, MISSING, PURGED);
            case ARCHIVED -> EnumSet.of(VERIFIED, MISSING, CORRUPT, PURGED);
            case MISSING, CORRUPT -> EnumSet.of(LANDED, PURGED);
            case PURGED -> EnumSet.noneOf(FileState.class);
        };
    }

    @Override
    public String label() {
        return Labels.of(this);
    }

    /** @throws IllegalArgumentException naming the value and the accepted labels */
    public static FileState fromLabel(String label) {
        return Labels.find(FileState.class, "file state", label, FileState::label);
    }
}
