package org.scopeflow.ingest.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What happens to a source file once it is verified at the destination and committed to the catalog.
 *
 * @param action   keep, delete or move
 * @param moveRoot for {@link Action#MOVE}: the directory the source tree is moved under; otherwise null
 */
public record AfterTransfer(Action action, Path moveRoot) {
    /** The three clean-up actions of the {@code after_transfer} setting. */
    public enum Action { KEEP, DELETE, MOVE }

    public AfterTransfer {
        Objects.requireNonNull(action, "action");
        if ((action == Action.MOVE) != (moveRoot != null)) {
            throw new IllegalArgumentException("move:/path needs a path and only move has one: " + action + " " + moveRoot);
        }
    }

    public static final AfterTransfer KEEP = new AfterTransfer(Action.KEEP, null);

    /** The setting as written in YAML: keep, delete or move:/path. */
    @Override
    public String toString() {
        return action == Action.MOVE ? "move:" + moveRoot : action.name().toLowerCase(java.util.Locale.ROOT);
    }
}
